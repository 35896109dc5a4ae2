package io.promptsuite.prompt.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.promptsuite.prompt.PromptChange;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Every change to a prompt, written in the same transaction as the change itself: it observes each change as it is
 * fired, so a change that can't be audited rolls back with it.
 */
@ApplicationScoped
public class PromptAudit implements PanacheRepositoryBase<PromptAuditEvent, Long> {

    void record(@Observes(during = TransactionPhase.IN_PROGRESS) PromptChange change) {
        String action = change.kind().auditAction();
        if (action == null) {
            return;
        }
        PromptAuditEvent event = new PromptAuditEvent();
        event.tenantId = change.tenantId();
        event.promptId = change.promptId();
        event.promptName = change.name();
        event.action = action;
        event.version = change.auditedVersion();
        event.label = change.label();
        event.actorId = change.actorId();
        event.details = change.details();
        event.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        persist(event);
    }
}
