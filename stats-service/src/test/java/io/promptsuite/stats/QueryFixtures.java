package io.promptsuite.stats;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.promptsuite.stats.rollup.LatencySketch;

/**
 * Rows written straight into the rollups and the pending queue the way the folder and ingest write them: every
 * folded event lands in its minute, hour and day row (and its user's hour), so a query that read two levels for the
 * same instant would count it twice and fail. The query tests need this exact control over which piece holds what, and
 * dates older than ingest accepts (a DST change in March). Writes take the folder's lock, so the real folder (which
 * may fold the pending rows written here at any moment) never interleaves with them.
 */
public final class QueryFixtures {

    private final DataSource db;
    private final UUID tenant;

    public QueryFixtures(DataSource db, String tenant) {
        this.db = db;
        this.tenant = UUID.fromString(tenant);
    }

    /** The dimensions of an event. */
    public record Dims(String prompt, int version, String label, String model) {
    }

    public static Dims dims(String prompt) {
        return new Dims(prompt, 1, "", "gpt-4o-mini");
    }

    /**
     * Events already folded, all started at {@code at}: one per latency, the first {@code errors} of them errors,
     * each with the given tokens and cost.
     */
    public void folded(Instant at, Dims d, String userId, List<Integer> latencies, int errors, long inputPerCall,
            long cachedPerCall, long outputPerCall, String costPerCall) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            holdFoldLock(c);
            Numbers n = Numbers.of(latencies, errors, inputPerCall, cachedPerCall, outputPerCall, new BigDecimal(costPerCall));
            addEverywhere(c, at, d, userId, n);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One accepted, not yet folded event. */
    public void pending(Instant startedAt, Dims d, String userId, boolean error, int latency, long input, long cached,
            long output, String cost) {
        String sql = "INSERT INTO pending (tenant_id, event_id, started_at, prompt, version, label, model, user_id, is_error,"
                + " latency_ms, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,?)";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            ps.setObject(2, UUID.randomUUID());
            ps.setObject(3, utc(startedAt));
            ps.setString(4, d.prompt());
            ps.setInt(5, d.version());
            ps.setString(6, d.label());
            ps.setString(7, d.model());
            ps.setString(8, userId);
            ps.setBoolean(9, error);
            ps.setInt(10, latency);
            ps.setLong(11, input);
            ps.setLong(12, cached);
            ps.setLong(13, output);
            ps.setBigDecimal(14, new BigDecimal(cost));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the folder does: the tenant's pending events move into the rollups, in one transaction. */
    public void foldPending() {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            holdFoldLock(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending WHERE tenant_id = ? RETURNING started_at,"
                    + " prompt, version, label, model, user_id, is_error, latency_ms, input_tokens, cached_input_tokens,"
                    + " output_tokens, cost")) {
                ps.setObject(1, tenant);
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] { rs.getObject(1, OffsetDateTime.class).toInstant(),
                                new Dims(rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)), rs.getString(6),
                                Numbers.of(List.of(rs.getInt(8)), rs.getBoolean(7) ? 1 : 0, rs.getLong(9), rs.getLong(10),
                                        rs.getLong(11), rs.getBigDecimal(12)) });
                    }
                }
                for (Object[] r : rows) {
                    addEverywhere(c, (Instant) r[0], (Dims) r[1], (String) r[2], (Numbers) r[3]);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code a=1&b=2} as query parameters, each value encoded by REST Assured (so a '+' arrives as '+'). */
    public static io.restassured.specification.RequestSpecification query(io.restassured.specification.RequestSpecification spec,
            String query) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            spec = spec.queryParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return spec;
    }

    /** The exact value at quantile {@code q} by nearest rank (1-based rank ceil(q * n)). */
    public static double nearestRank(List<Integer> values, double q) {
        List<Integer> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private record Numbers(List<Integer> latencies, long errors, long input, long cached, long output, BigDecimal cost) {
        static Numbers of(List<Integer> latencies, long errors, long inputPerCall, long cachedPerCall, long outputPerCall,
                BigDecimal costPerCall) {
            long n = latencies.size();
            return new Numbers(latencies, errors, inputPerCall * n, cachedPerCall * n, outputPerCall * n,
                    costPerCall.multiply(BigDecimal.valueOf(n)));
        }

        long calls() {
            return latencies.size();
        }

        long sum() {
            return latencies.stream().mapToLong(Integer::longValue).sum();
        }

        int min() {
            return latencies.stream().mapToInt(Integer::intValue).min().orElse(0);
        }

        int max() {
            return latencies.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    /** Writes the rollups as the one writer at a time, like the real folder (which then skips its turn). */
    private static void holdFoldLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, io.promptsuite.stats.rollup.FoldLock.KEY);
            ps.execute();
        }
    }

    private void addEverywhere(Connection c, Instant at, Dims d, String userId, Numbers n) throws SQLException {
        add(c, "rollup_minute", at.truncatedTo(ChronoUnit.MINUTES), d, n);
        add(c, "rollup_hour", at.truncatedTo(ChronoUnit.HOURS), d, n);
        add(c, "rollup_day", at.truncatedTo(ChronoUnit.DAYS), d, n);
        if (userId != null) {
            addUser(c, at.truncatedTo(ChronoUnit.HOURS), userId, n);
        }
    }

    private void add(Connection c, String table, Instant bucket, Dims d, Numbers n) throws SQLException {
        LatencySketch sketch = LatencySketch.empty();
        n.latencies().forEach(sketch::add);
        String key = " WHERE tenant_id = ? AND bucket = ? AND prompt = ? AND version = ? AND label = ? AND model = ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT sketch FROM " + table + key + " FOR UPDATE")) {
            bindKey(ps, 1, bucket, d);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    sketch.merge(rs.getBytes(1));
                    try (PreparedStatement up = c.prepareStatement("UPDATE " + table + " SET calls = calls + ?,"
                            + " errors = errors + ?, latency_sum = latency_sum + ?, latency_min = least(latency_min, ?),"
                            + " latency_max = greatest(latency_max, ?), input_tokens = input_tokens + ?,"
                            + " cached_input_tokens = cached_input_tokens + ?, output_tokens = output_tokens + ?,"
                            + " cost = cost + ?, sketch = ?" + key)) {
                        int i = bindNumbers(up, 1, n, sketch);
                        bindKey(up, i, bucket, d);
                        up.executeUpdate();
                    }
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (tenant_id, bucket, prompt, version, label,"
                + " model, calls, errors, latency_sum, latency_min, latency_max, input_tokens, cached_input_tokens,"
                + " output_tokens, reasoning_tokens, cost, sketch) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?)")) {
            int i = bindKey(ps, 1, bucket, d);
            bindNumbers(ps, i, n, sketch);
            ps.executeUpdate();
        }
    }

    private void addUser(Connection c, Instant hour, String userId, Numbers n) throws SQLException {
        LatencySketch sketch = LatencySketch.empty();
        n.latencies().forEach(sketch::add);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sketch FROM rollup_user_hour WHERE tenant_id = ? AND bucket = ? AND user_id = ? FOR UPDATE")) {
            ps.setObject(1, tenant);
            ps.setObject(2, utc(hour));
            ps.setString(3, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    sketch.merge(rs.getBytes(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_user_hour AS u (tenant_id, bucket, user_id, calls,"
                + " errors, latency_sum, latency_max, input_tokens, output_tokens, cost, sketch) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (tenant_id, bucket, user_id) DO UPDATE SET calls = u.calls + excluded.calls,"
                + " errors = u.errors + excluded.errors, latency_sum = u.latency_sum + excluded.latency_sum,"
                + " latency_max = greatest(u.latency_max, excluded.latency_max),"
                + " input_tokens = u.input_tokens + excluded.input_tokens,"
                + " output_tokens = u.output_tokens + excluded.output_tokens, cost = u.cost + excluded.cost,"
                + " sketch = excluded.sketch")) {
            ps.setObject(1, tenant);
            ps.setObject(2, utc(hour));
            ps.setString(3, userId);
            ps.setLong(4, n.calls());
            ps.setLong(5, n.errors());
            ps.setLong(6, n.sum());
            ps.setInt(7, n.max());
            ps.setLong(8, n.input());
            ps.setLong(9, n.output());
            ps.setBigDecimal(10, n.cost());
            ps.setBytes(11, sketch.encode());
            ps.executeUpdate();
        }
    }

    private int bindKey(PreparedStatement ps, int i, Instant bucket, Dims d) throws SQLException {
        ps.setObject(i++, tenant);
        ps.setObject(i++, utc(bucket));
        ps.setString(i++, d.prompt());
        ps.setInt(i++, d.version());
        ps.setString(i++, d.label());
        ps.setString(i++, d.model());
        return i;
    }

    private static int bindNumbers(PreparedStatement ps, int i, Numbers n, LatencySketch sketch) throws SQLException {
        ps.setLong(i++, n.calls());
        ps.setLong(i++, n.errors());
        ps.setLong(i++, n.sum());
        ps.setInt(i++, n.min());
        ps.setInt(i++, n.max());
        ps.setLong(i++, n.input());
        ps.setLong(i++, n.cached());
        ps.setLong(i++, n.output());
        ps.setBigDecimal(i++, n.cost());
        ps.setBytes(i++, sketch.encode());
        return i;
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
