package io.promptsuite.prompt.cache;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something changed about a prompt. Fired inside the transaction that made the change and announced to every instance
 * once it commits: caches drop the prompt, SSE subscribers of the tenant who may read the prompt hear about it.
 *
 * @param type       {@code label.moved}, {@code label.removed}, {@code label.protected}, {@code version.published},
 *                   {@code prompt.created}, {@code prompt.updated}, {@code prompt.deleted}, {@code prompt.restored}
 * @param instance   the instance that made the change, so it ignores its own echo
 * @param visibility the prompt's visibility once the change committed, stamped by {@link ChangeBus}; decides who hears
 * @param eventId    the id in the tenant's event log, stamped by {@link ChangeBus}; null when Redis was unreachable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeNotice(String type, UUID tenantId, String name, Integer version, String label, Integer fromVersion,
        String actorId, Instant at, String instance, String visibility, String eventId) {

    /** As fired by the services: who hears it and under which id are decided after commit. */
    public ChangeNotice(String type, UUID tenantId, String name, Integer version, String label, Integer fromVersion,
            String actorId, Instant at, String instance) {
        this(type, tenantId, name, version, label, fromVersion, actorId, at, instance, null, null);
    }

    @JsonIgnore
    public String promptKey() {
        return tenantId + "|" + name;
    }

    public ChangeNotice from(String instanceId) {
        return new ChangeNotice(type, tenantId, name, version, label, fromVersion, actorId, at, instanceId, visibility, eventId);
    }

    public ChangeNotice withVisibility(String value) {
        return new ChangeNotice(type, tenantId, name, version, label, fromVersion, actorId, at, instance, value, eventId);
    }

    public ChangeNotice withEventId(String value) {
        return new ChangeNotice(type, tenantId, name, version, label, fromVersion, actorId, at, instance, visibility, value);
    }

    /** What subscribers see: no instance id. */
    public ChangeNotice forSubscribers() {
        return new ChangeNotice(type, tenantId, name, version, label, fromVersion, actorId, at, null, visibility, eventId);
    }
}
