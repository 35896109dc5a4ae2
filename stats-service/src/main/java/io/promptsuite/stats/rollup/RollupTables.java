package io.promptsuite.stats.rollup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads and writes the four rollup tables on a connection the caller holds in its transaction. Only the folder and
 * the rebuilder write them, and only under {@link FoldLock}, so a read-merge-write of a row can't lose an update.
 */
@ApplicationScoped
class RollupTables {

    /** Keys looked up per statement: bounds the statement size whatever a fold carries. */
    private static final int LOOKUP_CHUNK = 2_000;
    /** Rows per JDBC batch (rewritten by the driver into multi-row inserts). */
    private static final int WRITE_CHUNK = 1_000;

    enum Table {
        MINUTE("rollup_minute"), HOUR("rollup_hour"), DAY("rollup_day");

        final String name;

        Table(String name) {
            this.name = name;
        }
    }

    /** Merges the aggregation into the stored rows (adding to those that exist); answers the rows written. */
    int merge(Connection c, Aggregation agg) throws SQLException {
        int rows = 0;
        rows += mergeInto(c, Table.MINUTE, agg.minute);
        rows += mergeInto(c, Table.HOUR, agg.hour);
        rows += mergeInto(c, Table.DAY, agg.day);
        rows += mergeUsers(c, agg.userHour);
        return rows;
    }

    /** Writes the aggregation over rows known to be gone (the rebuilder deleted the range first). */
    int insertFresh(Connection c, Aggregation agg) throws SQLException {
        return write(c, Table.MINUTE, agg.minute) + write(c, Table.HOUR, agg.hour) + write(c, Table.DAY, agg.day)
                + writeUsers(c, agg.userHour);
    }

    /** Deletes every rollup row with a bucket in {@code [from, to)} of the tenant (null: of all tenants). */
    int deleteRange(Connection c, UUID tenant, Instant from, Instant to) throws SQLException {
        int rows = 0;
        for (String table : List.of("rollup_minute", "rollup_hour", "rollup_day", "rollup_user_hour")) {
            String sql = "DELETE FROM " + table + " WHERE bucket >= ? AND bucket < ?" + (tenant == null ? "" : " AND tenant_id = ?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, utc(from));
                ps.setObject(2, utc(to));
                if (tenant != null) {
                    ps.setObject(3, tenant);
                }
                rows += ps.executeUpdate();
            }
        }
        return rows;
    }

    private int mergeInto(Connection c, Table table, Map<RollupKey, RollupCell> cells) throws SQLException {
        if (cells.isEmpty()) {
            return 0;
        }
        List<RollupKey> keys = new ArrayList<>(cells.keySet());
        for (int i = 0; i < keys.size(); i += LOOKUP_CHUNK) {
            List<RollupKey> chunk = keys.subList(i, Math.min(keys.size(), i + LOOKUP_CHUNK));
            existing(c, table, chunk).forEach((key, stored) -> cells.get(key).merge(stored));
        }
        return write(c, table, cells);
    }

    private Map<RollupKey, RollupCell> existing(Connection c, Table table, List<RollupKey> keys) throws SQLException {
        String sql = "SELECT r.* FROM " + table.name + " r JOIN unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " AS k(t, b, p, v, l, m) ON r.tenant_id = k.t::uuid AND r.bucket = k.b::timestamptz AND r.prompt = k.p"
                + " AND r.version = k.v::int AND r.label = k.l AND r.model = k.m FOR UPDATE OF r";
        int n = keys.size();
        String[] t = new String[n], b = new String[n], p = new String[n], v = new String[n], l = new String[n], m = new String[n];
        for (int i = 0; i < n; i++) {
            RollupKey k = keys.get(i);
            t[i] = k.tenant().toString();
            b[i] = k.bucket().toString();
            p[i] = k.prompt();
            v[i] = Integer.toString(k.version());
            l[i] = k.label();
            m[i] = k.model();
        }
        Map<RollupKey, RollupCell> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            String[][] columns = { t, b, p, v, l, m };
            for (int i = 0; i < columns.length; i++) {
                ps.setArray(i + 1, c.createArrayOf("text", columns[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RollupKey key = new RollupKey(rs.getObject("tenant_id", UUID.class),
                            rs.getObject("bucket", OffsetDateTime.class).toInstant(), rs.getString("prompt"),
                            rs.getInt("version"), rs.getString("label"), rs.getString("model"));
                    RollupCell cell = new RollupCell();
                    cell.calls = rs.getLong("calls");
                    cell.errors = rs.getLong("errors");
                    cell.latencySum = rs.getLong("latency_sum");
                    cell.latencyMin = rs.getInt("latency_min");
                    cell.latencyMax = rs.getInt("latency_max");
                    cell.inputTokens = rs.getLong("input_tokens");
                    cell.cachedInputTokens = rs.getLong("cached_input_tokens");
                    cell.outputTokens = rs.getLong("output_tokens");
                    cell.reasoningTokens = rs.getLong("reasoning_tokens");
                    cell.cost = rs.getBigDecimal("cost");
                    cell.sketch = LatencySketch.decode(rs.getBytes("sketch"));
                    found.put(key, cell);
                }
            }
        }
        return found;
    }

    private int write(Connection c, Table table, Map<RollupKey, RollupCell> cells) throws SQLException {
        if (cells.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO " + table.name + " (tenant_id, bucket, prompt, version, label, model, calls, errors,"
                + " latency_sum, latency_min, latency_max, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens,"
                + " cost, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, bucket, prompt, version, label, model) DO UPDATE SET calls = EXCLUDED.calls,"
                + " errors = EXCLUDED.errors, latency_sum = EXCLUDED.latency_sum, latency_min = EXCLUDED.latency_min,"
                + " latency_max = EXCLUDED.latency_max, input_tokens = EXCLUDED.input_tokens,"
                + " cached_input_tokens = EXCLUDED.cached_input_tokens, output_tokens = EXCLUDED.output_tokens,"
                + " reasoning_tokens = EXCLUDED.reasoning_tokens, cost = EXCLUDED.cost, sketch = EXCLUDED.sketch";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int batched = 0;
            for (Map.Entry<RollupKey, RollupCell> e : cells.entrySet()) {
                RollupKey k = e.getKey();
                RollupCell r = e.getValue();
                ps.setObject(1, k.tenant());
                ps.setObject(2, utc(k.bucket()));
                ps.setString(3, k.prompt());
                ps.setInt(4, k.version());
                ps.setString(5, k.label());
                ps.setString(6, k.model());
                ps.setLong(7, r.calls);
                ps.setLong(8, r.errors);
                ps.setLong(9, r.latencySum);
                ps.setInt(10, r.latencyMin);
                ps.setInt(11, r.latencyMax);
                ps.setLong(12, r.inputTokens);
                ps.setLong(13, r.cachedInputTokens);
                ps.setLong(14, r.outputTokens);
                ps.setLong(15, r.reasoningTokens);
                ps.setBigDecimal(16, r.cost);
                ps.setBytes(17, r.sketch.encode());
                ps.addBatch();
                if (++batched % WRITE_CHUNK == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return cells.size();
    }

    private int mergeUsers(Connection c, Map<UserBucketKey, RollupCell> cells) throws SQLException {
        if (cells.isEmpty()) {
            return 0;
        }
        List<UserBucketKey> keys = new ArrayList<>(cells.keySet());
        String sql = "SELECT r.* FROM rollup_user_hour r JOIN unnest(?::text[], ?::text[], ?::text[]) AS k(t, b, u)"
                + " ON r.tenant_id = k.t::uuid AND r.bucket = k.b::timestamptz AND r.user_id = k.u FOR UPDATE OF r";
        for (int i = 0; i < keys.size(); i += LOOKUP_CHUNK) {
            List<UserBucketKey> chunk = keys.subList(i, Math.min(keys.size(), i + LOOKUP_CHUNK));
            int n = chunk.size();
            String[] t = new String[n], b = new String[n], u = new String[n];
            for (int j = 0; j < n; j++) {
                t[j] = chunk.get(j).tenant().toString();
                b[j] = chunk.get(j).bucket().toString();
                u[j] = chunk.get(j).userId();
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setArray(1, textArray(c, t));
                ps.setArray(2, textArray(c, b));
                ps.setArray(3, textArray(c, u));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UserBucketKey key = new UserBucketKey(rs.getObject("tenant_id", UUID.class),
                                rs.getObject("bucket", OffsetDateTime.class).toInstant(), rs.getString("user_id"));
                        RollupCell stored = new RollupCell();
                        stored.calls = rs.getLong("calls");
                        stored.errors = rs.getLong("errors");
                        stored.latencySum = rs.getLong("latency_sum");
                        stored.latencyMax = rs.getInt("latency_max");
                        stored.inputTokens = rs.getLong("input_tokens");
                        stored.outputTokens = rs.getLong("output_tokens");
                        stored.cost = rs.getBigDecimal("cost");
                        stored.sketch = LatencySketch.decode(rs.getBytes("sketch"));
                        cells.get(key).merge(stored);
                    }
                }
            }
        }
        return writeUsers(c, cells);
    }

    private int writeUsers(Connection c, Map<UserBucketKey, RollupCell> cells) throws SQLException {
        if (cells.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO rollup_user_hour (tenant_id, bucket, user_id, calls, errors, latency_sum, latency_max,"
                + " input_tokens, output_tokens, cost, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, bucket, user_id) DO UPDATE SET calls = EXCLUDED.calls, errors = EXCLUDED.errors,"
                + " latency_sum = EXCLUDED.latency_sum, latency_max = EXCLUDED.latency_max, input_tokens = EXCLUDED.input_tokens,"
                + " output_tokens = EXCLUDED.output_tokens, cost = EXCLUDED.cost, sketch = EXCLUDED.sketch";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int batched = 0;
            for (Map.Entry<UserBucketKey, RollupCell> e : cells.entrySet()) {
                UserBucketKey k = e.getKey();
                RollupCell r = e.getValue();
                ps.setObject(1, k.tenant());
                ps.setObject(2, utc(k.bucket()));
                ps.setString(3, k.userId());
                ps.setLong(4, r.calls);
                ps.setLong(5, r.errors);
                ps.setLong(6, r.latencySum);
                ps.setInt(7, r.latencyMax);
                ps.setLong(8, r.inputTokens);
                ps.setLong(9, r.outputTokens);
                ps.setBigDecimal(10, r.cost);
                ps.setBytes(11, r.sketch.encode());
                ps.addBatch();
                if (++batched % WRITE_CHUNK == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return cells.size();
    }

    private static Array textArray(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
