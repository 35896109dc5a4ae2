package io.promptsuite.auth.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Records security events. Each event is written in its own transaction, so a failed login is recorded even though
 * the request that caused it answers an error (and rolls back).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("io.promptsuite.auth.audit");

    @Inject
    AuditRepository repository;

    @Inject
    CurrentVertxRequest currentRequest;

    /** Who did what, to what; {@code details} must never hold a secret. */
    public record Entry(UUID tenantId, AuditType type, String actorId, String actorEmail, String target,
            Map<String, Object> details) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Entry entry) {
        AuditEvent event = new AuditEvent();
        event.tenantId = entry.tenantId();
        event.type = entry.type().name();
        event.actorId = entry.actorId();
        event.actorEmail = entry.actorEmail();
        event.target = entry.target();
        event.details = entry.details();
        event.sourceIp = sourceAddress();
        event.createdAt = OffsetDateTime.now();
        repository.persist(event);
        LOG.infof("audit %s tenant=%s actor=%s target=%s", event.type, event.tenantId, event.actorId, event.target);
    }

    public void record(UUID tenantId, AuditType type, String actorId, String actorEmail, String target,
            Map<String, Object> details) {
        record(new Entry(tenantId, type, actorId, actorEmail, target, details));
    }

    public String sourceAddress() {
        RoutingContext rc = currentRequest.getCurrent();
        if (rc == null || rc.request().remoteAddress() == null) {
            return null;
        }
        return rc.request().remoteAddress().hostAddress();
    }
}
