package io.promptsuite.prompt.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import io.promptsuite.common.security.Caller;
import io.promptsuite.prompt.Prompt;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Every change to a prompt, written in the same transaction as the change itself. */
@ApplicationScoped
public class PromptAudit implements PanacheRepositoryBase<PromptAuditEvent, Long> {

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Prompt prompt, String action, Integer version, String label, Caller actor, Map<String, Object> details) {
        PromptAuditEvent event = new PromptAuditEvent();
        event.tenantId = prompt.tenantId;
        event.promptId = prompt.id;
        event.promptName = prompt.name;
        event.action = action;
        event.version = version;
        event.label = label;
        event.actorId = actor.userId();
        event.details = details;
        event.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        persist(event);
    }
}
