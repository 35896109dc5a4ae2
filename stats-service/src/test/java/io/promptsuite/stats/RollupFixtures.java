package io.promptsuite.stats;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Raw events written the way ingest writes them (the event and its pending row in one transaction), straight with
 * JDBC, so the rollup tests don't depend on the batch endpoint; and the rollup rows read back for comparison.
 */
final class RollupFixtures {

    private RollupFixtures() {
    }

    record Ev(UUID tenant, UUID eventId, Instant startedAt, String prompt, int version, String label, String model,
            String userId, boolean error, int latencyMs, long input, long cached, long output, long reasoning,
            BigDecimal cost, boolean costGiven) {
    }

    static void insert(DataSource ds, List<Ev> events) {
        events.stream().map(e -> e.startedAt().atOffset(ZoneOffset.UTC).toLocalDate()).distinct()
                .forEach(day -> ensurePartition(ds, day));
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = ds.getConnection();
                    PreparedStatement ev = c.prepareStatement("INSERT INTO events (tenant_id, event_id, started_at, prompt,"
                            + " version, label, model, provider, is_error, latency_ms, input_tokens, cached_input_tokens,"
                            + " output_tokens, reasoning_tokens, cost, cost_given, user_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'openai', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement pe = c.prepareStatement("INSERT INTO pending (tenant_id, event_id, started_at, prompt,"
                            + " version, label, model, user_id, is_error, latency_ms, input_tokens, cached_input_tokens,"
                            + " output_tokens, reasoning_tokens, cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Ev e : events) {
                    OffsetDateTime t = e.startedAt().atOffset(ZoneOffset.UTC);
                    Object[] evValues = { e.tenant(), e.eventId(), t, e.prompt(), e.version(), e.label(), e.model(), e.error(),
                            e.latencyMs(), e.input(), e.cached(), e.output(), e.reasoning(), e.cost(), e.costGiven(), e.userId() };
                    for (int i = 0; i < evValues.length; i++) {
                        ev.setObject(i + 1, evValues[i]);
                    }
                    ev.addBatch();
                    Object[] peValues = { e.tenant(), e.eventId(), t, e.prompt(), e.version(), e.label(), e.model(), e.userId(),
                            e.error(), e.latencyMs(), e.input(), e.cached(), e.output(), e.reasoning(), e.cost() };
                    for (int i = 0; i < peValues.length; i++) {
                        pe.setObject(i + 1, peValues[i]);
                    }
                    pe.addBatch();
                }
                ev.executeBatch();
                pe.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static void ensurePartition(DataSource ds, LocalDate day) {
        String name = "events_p" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
        execute(ds, "CREATE TABLE IF NOT EXISTS stats." + name + " PARTITION OF stats.events FOR VALUES FROM ('" + day
                + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
    }

    static void execute(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            // Two test classes creating the same partition at once: the loser's "already exists" is fine.
            if (!"42P07".equals(e.getSQLState())) {
                throw new IllegalStateException(e);
            }
        }
    }

    static long count(DataSource ds, String sql, Object... params) {
        List<Map<String, Object>> rows = rows(ds, sql, params);
        Object v = rows.get(0).values().iterator().next();
        return v == null ? 0 : ((Number) v).longValue();
    }

    static List<Map<String, Object>> rows(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(md.getColumnLabel(i), value instanceof java.sql.Timestamp t ? t.toInstant() : value);
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the folder has taken every pending event of the tenant. */
    static void awaitFolded(DataSource ds, UUID tenant) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (count(ds, "SELECT count(*) FROM pending WHERE tenant_id = ?", tenant) > 0) {
            if (System.nanoTime() > deadline) {
                fail("pending events of " + tenant + " were not folded within 90 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every row of a rollup table for the tenant, in key order. */
    static List<Map<String, Object>> rollup(DataSource ds, String table, UUID tenant) {
        String order = table.equals("rollup_user_hour") ? "bucket, user_id" : "bucket, prompt, version, label, model";
        return rows(ds, "SELECT * FROM " + table + " WHERE tenant_id = ? ORDER BY " + order, tenant);
    }
}
