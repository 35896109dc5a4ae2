package io.promptsuite.prompt.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The execution_outbox table. Every method runs in its caller's transaction: the pool enlists the connection in it,
 * so the insert commits or rolls back with the work around it. Plain JDBC rather than the entity manager: the relay
 * polls once a second and is no entity work, so it stays out of Hibernate's session and statistics.
 */
@ApplicationScoped
public class OutboxRepository {

    /** A waiting row: its id and the event as stats-service takes it (JSON text). */
    public record Row(long id, String event) {
    }

    @Inject
    DataSource dataSource;

    public void add(UUID tenantId, UUID eventId, String eventJson) {
        update("INSERT INTO execution_outbox (tenant_id, event_id, event) VALUES (?, ?, CAST(? AS jsonb))", tenantId, eventId,
                eventJson);
    }

    /**
     * The oldest waiting rows, locked until the transaction ends. Rows another relay holds are skipped, so instances
     * deliver disjoint batches and none waits on another's slow call.
     */
    public List<Row> claim(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, CAST(event AS text) FROM execution_outbox"
                        + " WHERE failed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, limit);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new OutboxUnavailable(e);
        }
    }

    public void delete(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            update("DELETE FROM execution_outbox WHERE id = ANY (?)", (Object) ids.toArray(Long[]::new));
        }
    }

    public void attempted(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            update("UPDATE execution_outbox SET attempts = attempts + 1 WHERE id = ANY (?)", (Object) ids.toArray(Long[]::new));
        }
    }

    /** Sets a row aside for good: stats-service refused it for what it is, so sending it again can't help. */
    public void deadLetter(long id, String error) {
        update("UPDATE execution_outbox SET failed_at = now(), attempts = attempts + 1, last_error = ? WHERE id = ?",
                error.length() > 500 ? error.substring(0, 500) : error, id);
    }

    public long waiting() {
        return count("SELECT count(*) FROM execution_outbox WHERE failed_at IS NULL");
    }

    public long deadLetters() {
        return count("SELECT count(*) FROM execution_outbox WHERE failed_at IS NOT NULL");
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Long[] ids) {
                    ps.setArray(i + 1, c.createArrayOf("int8", ids));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxUnavailable(e);
        }
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new OutboxUnavailable(e);
        }
    }

    /** The outbox table could not be read or written; the caller's transaction rolls back. */
    public static final class OutboxUnavailable extends RuntimeException {
        OutboxUnavailable(SQLException cause) {
            super("The execution outbox could not be reached: " + cause.getSQLState(), cause);
        }
    }
}
