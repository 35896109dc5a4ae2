package io.promptsuite.stats.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text of one rollup query and the binding of its per-source conditions. Column names come only from the fixed
 * key names below, never from the request; every value is a bind parameter.
 */
final class Statement {

    /** The grouping keys a request may name, and nothing else. */
    static final Set<String> KEYS = Set.of("prompt", "version", "label", "model", "user_id");

    private final Scope scope;
    private final Filters filters;
    private final RollupReader.Source source;
    private final List<String> keys;
    private final boolean sketches;

    Statement(Scope scope, Filters filters, RollupReader.Source source, List<String> keys, boolean sketches) {
        if (!KEYS.containsAll(keys)) {
            throw new IllegalArgumentException("unknown key");
        }
        this.scope = scope;
        this.filters = filters;
        this.source = source;
        this.keys = keys;
        this.sketches = sketches;
    }

    /** The statement over {@code tables} (in their iteration order) and pending, in the order {@link #bindWhere} binds. */
    String text(Set<Pieces.Table> tables) {
        StringBuilder parts = new StringBuilder();
        int n = 0;
        for (Pieces.Table t : tables) {
            String table = source == RollupReader.Source.USERS ? "rollup_user_hour" : t.sql;
            parts.append(rollupPart("r" + n++, table)).append("\n UNION ALL\n");
        }
        parts.append(pendingPart());
        String keyList = keys.stream().map(k -> ", u." + k).collect(Collectors.joining());
        String sketchColumns = sketches
                ? ", array_agg(u.sketch) FILTER (WHERE u.sketch IS NOT NULL), array_agg(u.lat) FILTER (WHERE u.lat IS NOT NULL)"
                : "";
        return "SELECT u.idx" + keyList
                + ", sum(u.calls)::bigint, sum(u.errors)::bigint, sum(u.latency_sum)::bigint, max(u.latency_max),"
                + " sum(u.input_tokens)::bigint, sum(u.cached_input_tokens)::bigint, sum(u.output_tokens)::bigint, sum(u.cost)"
                + sketchColumns + "\nFROM (\n" + parts + "\n) u\nGROUP BY u.idx" + keyList + "\nORDER BY u.idx" + keyList;
    }

    /**
     * One table's pieces in one index range scan: the pieces of a table are disjoint and bound sorted by start, so
     * {@code width_bucket} over their starts finds each row's piece by binary search, and a row in a gap between two
     * pieces (time another table answers for) fails the {@code < hi} check. Joining the pieces as a set of ranges
     * instead made the planner compare every row with every piece: 720 hourly buckets over a month timed out.
     */
    private String rollupPart(String alias, String table) {
        String cached = source == RollupReader.Source.USERS ? "0::bigint" : "x.cached_input_tokens";
        return "SELECT " + alias + ".idx[x.k] AS idx" + keyColumns("x") + ", x.calls, x.errors, x.latency_sum, x.latency_max,"
                + " x.input_tokens, " + cached + " AS cached_input_tokens, x.output_tokens, x.cost"
                + (sketches ? ", x.sketch, NULL::integer AS lat" : "")
                // OFFSET 0 keeps the planner from inlining the casts, which would then run for every row read.
                + " FROM (SELECT ?::integer[] AS idx, ?::text[]::timestamptz[] AS lo, ?::text[]::timestamptz[] AS hi OFFSET 0) " + alias
                + " CROSS JOIN LATERAL (SELECT x.*, width_bucket(x.bucket, " + alias + ".lo) AS k FROM " + table + " x"
                + where(false) + " AND x.bucket >= " + alias + ".lo[1] AND x.bucket < " + alias + ".hi[cardinality(" + alias
                + ".hi)]) x WHERE x.k > 0 AND x.bucket < " + alias + ".hi[x.k]";
    }

    /**
     * Pending events in one pass: the ranges of a plan are contiguous, so {@code width_bucket} over their starts finds
     * each event's bucket by binary search, instead of one scan of the (unindexed) queue per bucket.
     */
    private String pendingPart() {
        return "SELECT b.idx[width_bucket(x.started_at, b.lo)] AS idx" + keyColumns("x")
                + ", 1::bigint, (CASE WHEN x.is_error THEN 1 ELSE 0 END)::bigint,"
                + " x.latency_ms::bigint, x.latency_ms, x.input_tokens, x.cached_input_tokens, x.output_tokens, x.cost"
                + (sketches ? ", NULL::bytea, x.latency_ms" : "")
                + " FROM (SELECT ?::integer[] AS idx, ?::text[]::timestamptz[] AS lo OFFSET 0) b CROSS JOIN pending x" + where(true)
                + " AND x.started_at >= ?::timestamptz AND x.started_at < ?::timestamptz";
    }

    private String keyColumns(String alias) {
        return keys.stream().map(k -> ", " + alias + "." + k).collect(Collectors.joining());
    }

    private String where(boolean pending) {
        StringBuilder w = new StringBuilder(" WHERE true");
        if (!scope.all()) {
            w.append(" AND x.tenant_id = ?");
        }
        if (source == RollupReader.Source.USERS) {
            if (pending) {
                w.append(" AND x.user_id IS NOT NULL");
            }
            return w.toString();
        }
        if (filters.prompt() != null) {
            w.append(" AND x.prompt = ?");
        }
        if (filters.version() != null) {
            w.append(" AND x.version = ?");
        }
        if (filters.label() != null) {
            w.append(" AND x.label = ?");
        }
        if (filters.model() != null) {
            w.append(" AND x.model = ?");
        }
        return w.toString();
    }

    /** Binds one part's conditions after its three range arrays; answers the next parameter index. */
    int bindWhere(PreparedStatement ps, int i) throws SQLException {
        if (!scope.all()) {
            ps.setObject(i++, scope.tenant());
        }
        if (source == RollupReader.Source.USERS) {
            return i;
        }
        if (filters.prompt() != null) {
            ps.setString(i++, filters.prompt());
        }
        if (filters.version() != null) {
            ps.setInt(i++, filters.version());
        }
        if (filters.label() != null) {
            ps.setString(i++, filters.label());
        }
        if (filters.model() != null) {
            ps.setString(i++, filters.model());
        }
        return i;
    }
}
