package io.promptsuite.stats.export;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

import javax.sql.DataSource;

import io.promptsuite.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A tenant's raw events of a range, oldest first, read through a server-side cursor: with autocommit off the
 * PostgreSQL driver fetches {@value #FETCH_SIZE} rows at a time instead of the whole result, so memory stays the same
 * whatever the range holds. The read-only transaction also gives the whole export one snapshot.
 */
@ApplicationScoped
public class EventRows {

    static final int FETCH_SIZE = 1000;

    private static final String SELECT = """
            SELECT started_at, event_id, tenant_id, prompt, version, label, model, provider, is_error, error_code,
                   latency_ms, ttft_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
                   reasoning_tokens, cost, user_id, metadata::text
              FROM events WHERE tenant_id = ? AND started_at >= ? AND started_at < ?
             ORDER BY started_at, event_id""";

    @FunctionalInterface
    interface Sink {
        void accept(ExportRow row) throws IOException;
    }

    @Inject
    DataSource db;

    void each(UUID tenant, ExportRange range, Sink sink) throws IOException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(SELECT, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setObject(1, tenant);
                ps.setTimestamp(2, Timestamp.from(range.from()));
                ps.setTimestamp(3, Timestamp.from(range.to()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // Before the first bytes left (the runtime buffers the start of the body) this is still a clean 503; later
            // the client sees a cut-off download, which is what a broken stream can say.
            throw new ApiException(503, "STATS_UNAVAILABLE", "The events could not be read; retry shortly");
        }
    }

    private static ExportRow row(ResultSet rs) throws SQLException {
        int ttft = rs.getInt(12);
        Integer ttftOrNull = rs.wasNull() ? null : ttft;
        return new ExportRow(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
                rs.getString(10), rs.getInt(11), ttftOrNull, rs.getLong(13), rs.getLong(14), rs.getLong(15),
                rs.getLong(16), rs.getLong(17), rs.getBigDecimal(18), rs.getString(19), rs.getString(20));
    }
}
