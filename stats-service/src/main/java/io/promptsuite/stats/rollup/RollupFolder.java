package io.promptsuite.stats.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.promptsuite.stats.StatsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Moves accepted events from {@code pending} into the rollups. Each fold deletes the pending rows it takes and writes
 * their sums in one transaction, so a reader of rollups plus pending in one snapshot sees every event exactly once,
 * before, during and after the fold.
 */
@ApplicationScoped
public class RollupFolder {

    private static final Logger LOG = Logger.getLogger(RollupFolder.class);

    /** Arbitrary rows, not the oldest: order doesn't matter to sums, and picking by ctid needs no index or sort. */
    private static final String TAKE = "DELETE FROM pending WHERE ctid = ANY(ARRAY(SELECT ctid FROM pending LIMIT ?))"
            + " RETURNING " + FoldRow.COLUMNS;

    /** Counts at most this many rows for the gauge: it says "a lot", not how much exactly. */
    private static final int PENDING_COUNT_CAP = 100_000;

    @Inject
    DataSource dataSource;

    @Inject
    RollupTables tables;

    @Inject
    StatsConfig config;

    @Inject
    MeterRegistry registry;

    private final AtomicLong pendingEstimate = new AtomicLong();
    private Counter folded;
    private Timer duration;

    @PostConstruct
    void metrics() {
        folded = Counter.builder("stats.fold.events").description("Events folded from pending into the rollups").register(registry);
        duration = Timer.builder("stats.fold.duration").description("One fold transaction, from taking pending rows to commit")
                .register(registry);
        registry.gauge("stats.pending.events", pendingEstimate);
    }

    @Scheduled(every = "${stats.fold.every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            foldAvailable();
        } catch (RuntimeException e) {
            // The events stay in pending (the transaction rolled back) and the next run takes them again.
            LOG.warnf("Folding pending events failed, retrying on the next run: %s", e.toString());
        }
    }

    /**
     * Folds until pending is empty, another instance holds the lock, or the run's bound is reached; answers the events
     * folded.
     */
    public long foldAvailable() {
        long total = 0;
        int max = config.fold().maxEvents();
        for (int run = 0; run < config.rollup().maxFoldsPerRun(); run++) {
            Timer.Sample sample = Timer.start(registry);
            long n = QuarkusTransaction.requiringNew().call(() -> foldOnce(max));
            if (n < 0) {
                break;
            }
            sample.stop(duration);
            folded.increment(n);
            total += n;
            if (n < max) {
                break;
            }
        }
        pendingEstimate.set(countPending());
        return total;
    }

    /** One transaction: -1 when another fold or a rebuild holds the lock. */
    private long foldOnce(int max) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!FoldLock.tryInTransaction(c)) {
                return -1;
            }
            Aggregation agg = new Aggregation(minuteCutoff(config));
            try (PreparedStatement ps = c.prepareStatement(TAKE)) {
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        agg.add(FoldRow.read(rs));
                    }
                }
            }
            if (agg.events() > 0) {
                tables.merge(c, agg);
            }
            return agg.events();
        }
    }

    private long countPending() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM pending LIMIT ?) p")) {
            ps.setInt(1, PENDING_COUNT_CAP);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return pendingEstimate.get();
        }
    }

    /** The start of the oldest UTC day that still has minute rollups. */
    static Instant minuteCutoff(StatsConfig config) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(config.retention().minuteRollupDays(), ChronoUnit.DAYS);
    }
}
