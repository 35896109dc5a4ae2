package io.promptsuite.stats.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.stats.StatsConfig;
import io.promptsuite.stats.rollup.LatencySketch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads the rollups and the pending events of a {@link Plan} in ONE snapshot ({@code REPEATABLE READ, READ ONLY}), in
 * one statement: every piece of every bucket joined to its rollup table on the primary key's leading (tenant, bucket),
 * pending events by their exact start, summed per bucket and group in SQL. Sketches travel only when percentiles are
 * asked for, as one array per group, merged here.
 */
@ApplicationScoped
public class RollupReader {

    /** Where the rows come from: the per-dimension rollups, or the per-user hourly rollups. */
    enum Source {
        DIMENSIONS, USERS
    }

    /** One group of the answer: its bucket index, its key values (in the order asked) and its numbers. */
    record Group(int index, List<Object> key, Aggregate numbers) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    StatsConfig config;

    /** Streams every group, ordered by bucket index and key, to {@code each}. */
    void read(Scope scope, Filters filters, Source source, List<String> keys, boolean sketches, Plan plan,
            Consumer<Group> each) {
        Map<Pieces.Table, List<Plan.Range>> pieces = new EnumMap<>(Pieces.Table.class);
        for (Plan.Range r : plan.ranges()) {
            for (Pieces.Piece p : source == Source.USERS ? List.of(new Pieces.Piece(Pieces.Table.HOUR, r.from(), r.to()))
                    : Pieces.of(r.from(), r.to())) {
                pieces.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(new Plan.Range(r.index(), p.from(), p.to()));
            }
        }
        if (plan.ranges().isEmpty()) {
            return;
        }
        Statement sql = new Statement(scope, filters, source, keys, sketches);
        String text = sql.text(pieces.keySet());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (var s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    s.execute("SET LOCAL statement_timeout = " + config.query().statementTimeout().toMillis());
                    // The planner prices a join over many pieces high enough to JIT-compile it, which costs more (about
                    // 15 ms) than the whole index-driven aggregation it would speed up.
                    s.execute("SET LOCAL jit = off");
                }
                try (PreparedStatement ps = c.prepareStatement(text)) {
                    ps.setFetchSize(500);
                    int i = 1;
                    for (Pieces.Table t : pieces.keySet()) {
                        i = bindRanges(c, ps, i, pieces.get(t));
                        i = sql.bindWhere(ps, i);
                    }
                    i = bindPending(c, ps, i, plan.ranges());
                    i = sql.bindWhere(ps, i);
                    ps.setString(i++, plan.ranges().get(0).from().toString());
                    ps.setString(i, plan.ranges().get(plan.ranges().size() - 1).to().toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            each.accept(group(rs, keys.size(), sketches));
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                throw new ApiException(503, "QUERY_TIMEOUT", "The query took longer than "
                        + config.query().statementTimeout().toSeconds() + " s; ask for a shorter range or wider buckets");
            }
            throw new IllegalStateException("Reading the rollups failed", e);
        }
    }

    private static int bindRanges(Connection c, PreparedStatement ps, int i, List<Plan.Range> unsorted) throws SQLException {
        // Sorted by start: the statement finds a row's piece by binary search over the starts.
        List<Plan.Range> ranges = new ArrayList<>(unsorted);
        ranges.sort(java.util.Comparator.comparing(Plan.Range::from));
        Integer[] index = new Integer[ranges.size()];
        for (int k = 0; k < ranges.size(); k++) {
            index[k] = ranges.get(k).index();
        }
        ps.setArray(i++, c.createArrayOf("integer", index));
        // Instants as RFC 3339 text in UTC: a Timestamp array would be rendered in the JVM's zone without an offset.
        ps.setArray(i++, c.createArrayOf("text", isoStrings(ranges, true)));
        ps.setArray(i++, c.createArrayOf("text", isoStrings(ranges, false)));
        return i;
    }

    /** The bucket index of each range and the ranges' starts, for {@code width_bucket}: 1-based, like the array. */
    private static int bindPending(Connection c, PreparedStatement ps, int i, List<Plan.Range> ranges) throws SQLException {
        Integer[] index = new Integer[ranges.size()];
        for (int k = 0; k < ranges.size(); k++) {
            index[k] = ranges.get(k).index();
        }
        ps.setArray(i++, c.createArrayOf("integer", index));
        ps.setArray(i++, c.createArrayOf("text", isoStrings(ranges, true)));
        return i;
    }

    private static String[] isoStrings(List<Plan.Range> ranges, boolean from) {
        String[] out = new String[ranges.size()];
        for (int k = 0; k < ranges.size(); k++) {
            out[k] = (from ? ranges.get(k).from() : ranges.get(k).to()).toString();
        }
        return out;
    }

    private static Group group(ResultSet rs, int keyCount, boolean sketches) throws SQLException {
        int col = 1;
        int index = rs.getInt(col++);
        List<Object> key = new ArrayList<>(keyCount);
        for (int k = 0; k < keyCount; k++) {
            key.add(rs.getObject(col++));
        }
        Aggregate a = Aggregate.empty();
        a.calls = rs.getLong(col++);
        a.errors = rs.getLong(col++);
        a.latencySum = rs.getLong(col++);
        a.latencyMax = rs.getLong(col++);
        a.inputTokens = rs.getLong(col++);
        a.cachedInputTokens = rs.getLong(col++);
        a.outputTokens = rs.getLong(col++);
        a.cost = rs.getBigDecimal(col++);
        if (a.cost == null) {
            a.cost = java.math.BigDecimal.ZERO;
        }
        if (sketches) {
            a.sketch = LatencySketch.empty();
            Array stored = rs.getArray(col++);
            if (stored != null) {
                for (Object bytes : (Object[]) stored.getArray()) {
                    a.sketch.merge((byte[]) bytes);
                }
            }
            Array latencies = rs.getArray(col);
            if (latencies != null) {
                for (Object ms : (Object[]) latencies.getArray()) {
                    a.sketch.add(((Number) ms).doubleValue());
                }
            }
        }
        return new Group(index, key, a);
    }
}
