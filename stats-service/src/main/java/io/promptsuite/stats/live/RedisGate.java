package io.promptsuite.stats.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.promptsuite.stats.StatsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Redis for the live package's calls, which are all optional: each waits at most a short timeout, and after a failure
 * the next calls skip Redis at once for a short back-off, so an outage costs ingest and queries nothing but the
 * counters and the cache. Failures are counted in {@code stats_live_redis_failures_total}.
 */
@ApplicationScoped
public class RedisGate {

    @Inject
    StatsConfig config;

    @Inject
    MeterRegistry metrics;

    private final AtomicLong closedUntil = new AtomicLong();

    /** False while backing off after a failure. */
    public boolean open() {
        return System.nanoTime() - closedUntil.get() >= 0;
    }

    /** The result of {@code call}, or null when Redis failed or is being left alone. */
    public <T> T await(String operation, Uni<T> call) {
        if (!open()) {
            metrics.counter("stats.live.redis.skipped", "operation", operation).increment();
            return null;
        }
        try {
            T result = call.await().atMost(config.live().redisTimeout());
            return result;
        } catch (RuntimeException failed) {
            Duration backoff = config.live().redisBackoff();
            closedUntil.set(System.nanoTime() + backoff.toNanos());
            metrics.counter("stats.live.redis.failures", "operation", operation).increment();
            return null;
        }
    }
}
