package io.promptsuite.stats.otlp;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.stats.StatsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How many OTLP exports are decoded at once (stats.otlp.max-concurrent). OTLP exporters retry a 503 after its
 * Retry-After, so refusing beyond the limit loses nothing and keeps the heap bounded under a burst.
 */
@ApplicationScoped
public class ExportPermits {

    private static final long WAIT_MS = 2_000;

    @Inject
    StatsConfig config;

    private Semaphore permits;

    @PostConstruct
    void init() {
        permits = new Semaphore(Math.max(1, config.otlp().maxConcurrent()), true);
    }

    /** Runs {@code work} holding a permit; a 503 when none frees up soon. */
    public <T> T with(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ApiException(503, "OTLP_BUSY", "Too many exports at once; retry shortly").withHeader("Retry-After", "1");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
