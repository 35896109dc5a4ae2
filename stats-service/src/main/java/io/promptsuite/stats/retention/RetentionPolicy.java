package io.promptsuite.stats.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.promptsuite.stats.StatsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How long each tenant's events are kept: the service-wide {@code stats.retention.days} unless the tenant asked for
 * less. Ingest asks for every event, so the tenant settings are cached briefly; a change made on another instance is
 * seen here after at most {@link #CACHE_TTL}.
 */
@ApplicationScoped
public class RetentionPolicy {

    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_MAX = 100_000;

    @Inject
    DataSource dataSource;

    @Inject
    StatsConfig config;

    private record Cached(int days, long expiresAt) {
    }

    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public int serviceDays() {
        return config.retention().days();
    }

    /** The tenant's retention in days (never more than the service's). */
    public int days(UUID tenant) {
        long now = System.nanoTime();
        Cached cached = cache.get(tenant);
        if (cached != null && cached.expiresAt - now > 0) {
            return cached.days;
        }
        int days = Math.min(load(tenant), serviceDays());
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(tenant, new Cached(days, now + CACHE_TTL.toNanos()));
        return days;
    }

    /** The oldest started_at an event of {@code tenant} may have to be accepted. */
    public Instant oldestAccepted(UUID tenant) {
        return Instant.now().minus(Duration.ofDays(days(tenant)));
    }

    /** Stores the tenant's retention; the caller has checked 1 ≤ days ≤ {@link #serviceDays()}. */
    public void set(UUID tenant, int days) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO tenant_settings (tenant_id, retention_days) VALUES (?, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET retention_days = EXCLUDED.retention_days, updated_at = now()""")) {
            ps.setObject(1, tenant);
            ps.setInt(2, days);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing the retention failed", e);
        }
        cache.remove(tenant);
    }

    /** Tenants that keep their events for less than the service does, with their days. */
    public Map<UUID, Integer> shorterThanService() {
        Map<UUID, Integer> shorter = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT tenant_id, retention_days FROM tenant_settings WHERE retention_days < ? ORDER BY tenant_id")) {
            ps.setInt(1, serviceDays());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shorter.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the tenant settings failed", e);
        }
        return shorter;
    }

    private int load(UUID tenant) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT retention_days FROM tenant_settings WHERE tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : serviceDays();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the tenant's retention failed", e);
        }
    }
}
