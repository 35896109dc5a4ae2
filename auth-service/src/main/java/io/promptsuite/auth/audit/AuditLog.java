package io.promptsuite.auth.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.common.request.ClientAddress;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Records security events. An event about a change joins the change's transaction ({@link #record}), so the trail
 * never says something happened that rolled back. Events about a refusal (a failed sign-in, a lockout) use
 * {@link #recordAlone}: they must stay although the request that caused them answers an error.
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

    /** In the caller's transaction (or one of its own when there is none). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(Entry entry) {
        write(entry);
    }

    /** In a transaction of its own, committed whatever happens to the request: for refusals only. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAlone(Entry entry) {
        write(entry);
    }

    public void recordAlone(UUID tenantId, AuditType type, String actorId, String actorEmail, String target,
            Map<String, Object> details) {
        recordAlone(new Entry(tenantId, type, actorId, actorEmail, target, details));
    }

    private void write(Entry entry) {
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

    /** The address the per-source limits use for this request, so the trail names the one that was counted. */
    public String sourceAddress() {
        RoutingContext rc = currentRequest.getCurrent();
        return rc == null ? null : ClientAddress.of(rc.request());
    }
}
