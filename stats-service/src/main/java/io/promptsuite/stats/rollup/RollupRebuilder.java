package io.promptsuite.stats.rollup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.stats.ExecutionEvent;
import io.promptsuite.stats.StatsConfig;
import io.promptsuite.stats.live.DataGenerations;
import io.promptsuite.stats.price.CostCalculator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Rebuilds the rollups of a range exactly from the raw events, one UTC day per transaction: reprices the events whose
 * cost was computed (a cost the caller sent is kept), replaces the day's rollup rows with sums of the raw events, and
 * drops the day's pending rows, which those sums now include.
 *
 * <p>Why this is exact while ingest and the folder run: the day's transaction holds {@link FoldLock} (no fold runs)
 * and reads in REPEATABLE READ, one snapshot for all its statements. Ingest writes an event and its pending row in one
 * transaction, so the pending rows this snapshot deletes are exactly the ones whose events it summed; an event
 * committed after the snapshot keeps its pending row and the next fold adds it to the rebuilt rows.
 */
@ApplicationScoped
public class RollupRebuilder {

    private static final Logger LOG = Logger.getLogger(RollupRebuilder.class);

    /** Rows fetched per round trip from the day's cursor: bounds memory whatever a day holds. */
    private static final int FETCH = 5_000;
    private static final int UPDATE_BATCH = 1_000;
    private static final int MAX_ATTEMPTS = 3;

    private static final String READ = "SELECT ctid, " + FoldRow.COLUMNS + ", event_id, provider, error_code, ttft_ms,"
            + " cache_write_tokens, cost_given FROM events WHERE started_at >= ? AND started_at < ?";

    /** What a rebuild did. */
    public record Result(Instant from, Instant to, long events, long rollupRows, long durationMs) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    RollupTables tables;

    @Inject
    CostCalculator costs;

    @Inject
    DataGenerations generations;

    @Inject
    StatsConfig config;

    @Inject
    MeterRegistry registry;

    /** One rebuild at a time per instance; across instances the per-day {@link FoldLock} keeps each day exact. */
    private final ReentrantLock running = new ReentrantLock();

    /**
     * Replaces every rollup row of {@code [from, to)} (widened to whole UTC days) with one computed from the raw
     * events, for one tenant or, with {@code tenant} null, for all.
     */
    public void rebuild(UUID tenant, Instant from, Instant to) {
        running.lock();
        try {
            run(tenant, from, to);
        } finally {
            running.unlock();
        }
    }

    /** As {@link #rebuild}, but a 409 at once when a rebuild is already running here (a request must not queue). */
    public Result rebuildOrRefuse(UUID tenant, Instant from, Instant to) {
        if (!running.tryLock()) {
            throw ApiException.conflict("REBUILD_RUNNING", "A rebuild is running; try again when it is done");
        }
        try {
            return run(tenant, from, to);
        } finally {
            running.unlock();
        }
    }

    private Result run(UUID tenant, Instant from, Instant to) {
        long started = System.nanoTime();
        Instant start = from.truncatedTo(ChronoUnit.DAYS);
        Instant end = to.truncatedTo(ChronoUnit.DAYS);
        if (end.isBefore(to) || !end.isAfter(start)) {
            end = end.plus(1, ChronoUnit.DAYS);
        }
        long events = 0;
        long rows = 0;
        for (Instant day = start; day.isBefore(end); day = day.plus(1, ChronoUnit.DAYS)) {
            long[] done = rebuildDay(tenant, day, day.plus(1, ChronoUnit.DAYS));
            events += done[0];
            rows += done[1];
        }
        if (tenant == null) {
            generations.bumpAll();
        } else {
            generations.bump(tenant);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // stats_rebuild_duration_seconds{scope=tenant|all}: how long whole rebuilds take, by how much they cover.
        Timer.builder("stats.rebuild.duration").description("Rollup rebuilds, from the first day to the last")
                .tag("scope", tenant == null ? "all" : "tenant").register(registry).record(took);
        long ms = took.toMillis();
        LOG.infof("Rebuilt rollups of %s from %s to %s: %d events, %d rows, %d ms", tenant == null ? "every tenant" : tenant,
                start, end, events, rows, ms);
        return new Result(start, end, events, rows, ms);
    }

    /**
     * One day, tried again when PostgreSQL refuses the snapshot: retention deleting rows of an expired tenant's day
     * while it is rebuilt makes REPEATABLE READ fail with a serialization error, and the next try sees the deletion.
     */
    private long[] rebuildDay(UUID tenant, Instant from, Instant to) {
        for (int attempt = 1;; attempt++) {
            try {
                return rebuildDayOnce(tenant, from, to);
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                LOG.infof("Rebuilding %s: the day was changed meanwhile (%s), trying again", from, sqlState(e));
            }
        }
    }

    private static boolean retryable(Throwable e) {
        String state = sqlState(e);
        return "40001".equals(state) || "40P01".equals(state);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** One day in one transaction, under the fold lock; answers {events, rollup rows written}. */
    private long[] rebuildDayOnce(UUID tenant, Instant from, Instant to) {
        try (Connection lock = dataSource.getConnection()) {
            FoldLock.acquireSession(lock);
            try {
                return QuarkusTransaction.requiringNew().timeout((int) config.rollup().rebuildDayTimeout().toSeconds())
                        .call(() -> rebuildDayLocked(tenant, from, to));
            } finally {
                FoldLock.releaseSession(lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Rebuilding rollups failed", e);
        }
    }

    private long[] rebuildDayLocked(UUID tenant, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            tables.deleteRange(c, tenant, from, to);
            Aggregation agg = new Aggregation(RollupFolder.minuteCutoff(config));
            readAndReprice(c, tenant, from, to, agg);
            long rows = tables.insertFresh(c, agg);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending WHERE started_at >= ? AND started_at < ?"
                    + (tenant == null ? "" : " AND tenant_id = ?"))) {
                bindRange(ps, tenant, from, to);
                ps.executeUpdate();
            }
            return new long[] { agg.events(), rows };
        }
    }

    /** Streams the day's events through a cursor into the aggregation, repricing computed costs on the way. */
    private void readAndReprice(Connection c, UUID tenant, Instant from, Instant to, Aggregation agg) throws SQLException {
        String sql = READ + (tenant == null ? "" : " AND tenant_id = ?");
        try (PreparedStatement read = c.prepareStatement(sql);
                PreparedStatement update = c.prepareStatement(
                        "UPDATE events SET cost = ? WHERE started_at = ? AND ctid = ?::tid AND tenant_id = ? AND event_id = ?")) {
            read.setFetchSize(FETCH);
            bindRange(read, tenant, from, to);
            int pendingUpdates = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    FoldRow row = FoldRow.read(rs);
                    if (!rs.getBoolean("cost_given")) {
                        BigDecimal now = costs.cost(event(row, rs)).setScale(12, RoundingMode.HALF_UP);
                        if (now.compareTo(row.cost()) != 0) {
                            update.setBigDecimal(1, now);
                            update.setObject(2, rs.getObject("started_at", OffsetDateTime.class));
                            update.setString(3, rs.getString("ctid"));
                            update.setObject(4, row.tenant());
                            update.setObject(5, rs.getObject("event_id", UUID.class));
                            update.addBatch();
                            if (++pendingUpdates == UPDATE_BATCH) {
                                update.executeBatch();
                                pendingUpdates = 0;
                            }
                            row = row.withCost(now);
                        }
                    }
                    agg.add(row);
                }
            }
            if (pendingUpdates > 0) {
                update.executeBatch();
            }
        }
    }

    /** The event as the price book sees it: everything a price can depend on. */
    private static ExecutionEvent event(FoldRow row, ResultSet rs) throws SQLException {
        return new ExecutionEvent(rs.getObject("event_id", UUID.class), row.tenant(), row.prompt(), row.version(), row.label(),
                row.model(), rs.getString("provider"), row.error(), rs.getString("error_code"), row.latencyMs(),
                (Integer) rs.getObject("ttft_ms"), row.inputTokens(), row.cachedInputTokens(), rs.getLong("cache_write_tokens"),
                row.outputTokens(), row.reasoningTokens(), null, row.startedAt(), row.userId(), null);
    }

    private static void bindRange(PreparedStatement ps, UUID tenant, Instant from, Instant to) throws SQLException {
        ps.setObject(1, RollupTables.utc(from));
        ps.setObject(2, RollupTables.utc(to));
        if (tenant != null) {
            ps.setObject(3, tenant);
        }
    }
}
