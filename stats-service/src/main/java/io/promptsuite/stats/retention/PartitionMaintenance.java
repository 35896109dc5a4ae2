package io.promptsuite.stats.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.promptsuite.stats.StatsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Keeps the daily partitions of {@code events} ahead of time and the stored data within retention. Several instances
 * may run this at once: the DDL runs under one advisory lock, and every delete is idempotent.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    /** The advisory lock key of partition DDL (any constant shared by every instance). */
    private static final long DDL_LOCK = 0x5354415453_01L;
    /** Rows one delete statement removes, so no statement holds locks or builds WAL for long. */
    static final int DELETE_BATCH = 10_000;
    /** Batches one run deletes per table and tenant; the next run goes on where this one stopped. */
    static final int MAX_BATCHES = 200;

    @Inject
    DataSource dataSource;

    @Inject
    StatsConfig config;

    @Inject
    RetentionPolicy policy;

    /** Before the first request: ingest needs today's partition. */
    void onStart(@Observes StartupEvent event) {
        ensurePartitions();
    }

    @Scheduled(every = "${stats.retention.maintenance-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.errorf("Retention run failed: %s", e.getClass().getName());
        }
    }

    /** Every step: partitions ahead, expired partitions dropped, expired keys and rollups deleted, shorter tenants purged. */
    public void run() {
        ensurePartitions();
        dropExpiredPartitions();
        Instant cutoff = Instant.now().minus(Duration.ofDays(policy.serviceDays()));
        deleteBefore("event_keys", "started_at", null, cutoff);
        for (String rollup : List.of("rollup_hour", "rollup_day", "rollup_user_hour")) {
            deleteBefore(rollup, "bucket", null, cutoff);
        }
        deleteBefore("rollup_minute", "bucket", null,
                Instant.now().minus(Duration.ofDays(config.retention().minuteRollupDays())));
        for (Map.Entry<UUID, Integer> tenant : policy.shorterThanService().entrySet()) {
            purgeTenant(tenant.getKey(), Instant.now().minus(Duration.ofDays(tenant.getValue())));
        }
    }

    /** Creates the missing partitions of [today − retention, today + partitions-ahead]. */
    public void ensurePartitions() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ensurePartitions(today.minusDays(config.retention().days()), today.plusDays(config.retention().partitionsAhead()));
    }

    /** Creates the missing partitions of the days {@code [from, to]} (UTC). */
    public void ensurePartitions(LocalDate from, LocalDate to) {
        List<LocalDate> missing = new ArrayList<>();
        List<String> existing = partitionNames();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (!existing.contains(Partitions.name(day))) {
                missing.add(day);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        inDdlLock(statement -> {
            for (LocalDate day : missing) {
                statement.execute(Partitions.createSql(day));
            }
        });
        LOG.infof("Created %d partitions of events", missing.size());
    }

    /** Partitions whose whole day lies before the service's retention: dropping one is instant, unlike deleting. */
    void dropExpiredPartitions() {
        LocalDate oldestKept = Instant.now().minus(Duration.ofDays(config.retention().days())).atOffset(ZoneOffset.UTC).toLocalDate();
        List<String> expired = partitionNames().stream()
                .filter(name -> Partitions.day(name).map(day -> day.isBefore(oldestKept)).orElse(false))
                .toList();
        if (expired.isEmpty()) {
            return;
        }
        try {
            inDdlLock(statement -> {
                for (String name : expired) {
                    statement.execute("DROP TABLE IF EXISTS " + name);
                }
            });
            LOG.infof("Dropped %d expired partitions of events", expired.size());
        } catch (IllegalStateException busy) {
            LOG.warnf("Expired partitions of events not dropped yet (%s); the next run tries again", rootState(busy));
        }
    }

    /** Deletes a shorter-lived tenant's events, keys, queue and rollups from before {@code cutoff}. */
    public void purgeTenant(UUID tenant, Instant cutoff) {
        deleteEvents(tenant, cutoff);
        deleteBefore("event_keys", "started_at", tenant, cutoff);
        deleteBefore("pending", "started_at", tenant, cutoff);
        for (String rollup : List.of("rollup_minute", "rollup_hour", "rollup_day", "rollup_user_hour")) {
            deleteBefore(rollup, "bucket", tenant, cutoff);
        }
    }

    List<String> partitionNames() {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT child.relname FROM pg_inherits
                        JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
                        JOIN pg_class child ON child.oid = pg_inherits.inhrelid
                        JOIN pg_namespace ns ON ns.oid = parent.relnamespace
                        WHERE parent.relname = 'events' AND ns.nspname = current_schema()""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Listing the partitions failed", e);
        }
        return names;
    }

    private interface Ddl {
        void run(Statement statement) throws SQLException;
    }

    private static String rootState(IllegalStateException e) {
        return e.getCause() instanceof SQLException sql ? "SQL state " + sql.getSQLState() : e.getClass().getSimpleName();
    }

    private void inDdlLock(Ddl ddl) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement statement = c.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
                // Creating or dropping a partition locks the whole events table; queued behind a long export it would
                // hold every ingest behind it. Better to give up and try again at the next run.
                statement.execute("SET LOCAL lock_timeout = '3s'");
                ddl.run(statement);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Partition maintenance failed", e);
        }
    }

    /** A partitioned table has no unique ctid, so the batches are chosen by event id within the tenant. */
    private void deleteEvents(UUID tenant, Instant cutoff) {
        String sql = """
                DELETE FROM events WHERE tenant_id = ? AND started_at < ? AND event_id IN (
                    SELECT event_id FROM events WHERE tenant_id = ? AND started_at < ? LIMIT ?)""";
        batches(sql, ps -> {
            OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
            ps.setObject(1, tenant);
            ps.setObject(2, before);
            ps.setObject(3, tenant);
            ps.setObject(4, before);
            ps.setInt(5, DELETE_BATCH);
        });
    }

    private void deleteBefore(String table, String column, UUID tenant, Instant cutoff) {
        String tenantClause = tenant == null ? "" : " AND tenant_id = ?";
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE " + column
                + " < ?" + tenantClause + " LIMIT " + DELETE_BATCH + "))";
        batches(sql, ps -> {
            ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            if (tenant != null) {
                ps.setObject(2, tenant);
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void batches(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                if (ps.executeUpdate() < DELETE_BATCH) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("A retention delete failed", e);
        }
    }
}
