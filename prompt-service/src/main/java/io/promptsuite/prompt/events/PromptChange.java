package io.promptsuite.prompt.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something changed about a prompt. Fired inside the transaction that made the change and announced to every instance
 * once it commits: caches drop the prompt, SSE subscribers of the tenant hear about it.
 *
 * @param type     {@code label.moved}, {@code label.removed}, {@code label.protected}, {@code version.published},
 *                 {@code prompt.created}, {@code prompt.updated}, {@code prompt.deleted}, {@code prompt.restored}
 * @param instance the instance that made the change, so it ignores its own echo
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptChange(String type, UUID tenantId, String name, Integer version, String label, Integer fromVersion,
        String actorId, Instant at, String instance) {

    @JsonIgnore
    public String promptKey() {
        return tenantId + "|" + name;
    }

    public PromptChange from(String instanceId) {
        return new PromptChange(type, tenantId, name, version, label, fromVersion, actorId, at, instanceId);
    }
}
