package io.promptsuite.prompt.execution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The execution_outbox table. Every method runs in its caller's transaction. */
@ApplicationScoped
public class OutboxRepository {

    /** A waiting row: its id and the event as stats-service takes it (JSON text). */
    public record Row(long id, String event) {
    }

    @Inject
    EntityManager em;

    public void add(UUID tenantId, UUID eventId, String eventJson) {
        em.createNativeQuery("INSERT INTO execution_outbox (tenant_id, event_id, event) VALUES (?1, ?2, CAST(?3 AS jsonb))")
                .setParameter(1, tenantId).setParameter(2, eventId).setParameter(3, eventJson).executeUpdate();
    }

    /**
     * The oldest waiting rows, locked until the transaction ends. Rows another relay holds are skipped, so instances
     * deliver disjoint batches and none waits on another's slow call.
     */
    public List<Row> claim(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, CAST(event AS text) FROM execution_outbox WHERE failed_at IS NULL"
                + " ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED").setParameter(1, limit).getResultList();
        List<Row> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Row(((Number) r[0]).longValue(), (String) r[1]));
        }
        return out;
    }

    public void delete(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("DELETE FROM execution_outbox WHERE id IN (?1)").setParameter(1, ids).executeUpdate();
        }
    }

    public void attempted(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("UPDATE execution_outbox SET attempts = attempts + 1 WHERE id IN (?1)")
                    .setParameter(1, ids).executeUpdate();
        }
    }

    /** Sets a row aside for good: stats-service refused it for what it is, so sending it again can't help. */
    public void deadLetter(long id, String error) {
        em.createNativeQuery("UPDATE execution_outbox SET failed_at = now(), attempts = attempts + 1, last_error = ?2 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, error.length() > 500 ? error.substring(0, 500) : error).executeUpdate();
    }

    public long waiting() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM execution_outbox WHERE failed_at IS NULL")
                .getSingleResult()).longValue();
    }

    public long deadLetters() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM execution_outbox WHERE failed_at IS NOT NULL")
                .getSingleResult()).longValue();
    }
}
