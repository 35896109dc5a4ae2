package io.promptsuite.common.health;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Redis in readiness without making the whole service unready: no service of the suite needs Redis for its main
 * traffic (tokens, JWKS and introspection; renders, served from PostgreSQL), so an outage is a degradation that the
 * details name and the {@code suite_redis_up} gauge shows, not a reason for Kubernetes to stop routing to every pod.
 * Quarkus's own Redis check (which would answer DOWN) is switched off in the shared configuration.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisHealthConfig config;

    @Inject
    MeterRegistry metrics;

    private final AtomicInteger up = new AtomicInteger(1);

    @PostConstruct
    void registerGauge() {
        Gauge.builder("suite.redis.up", up, AtomicInteger::get)
                .description("1 while the last readiness check reached Redis, 0 while it did not").register(metrics);
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = ping();
        up.set(reachable ? 1 : 0);
        var response = HealthCheckResponse.named("redis").up().withData("redis", reachable ? "up" : "down");
        if (!reachable) {
            response.withData("degraded", config.degrades());
        }
        return response.build();
    }

    private boolean ping() {
        try {
            redis.execute("PING").await().atMost(config.timeout());
            return true;
        } catch (RuntimeException unreachable) {
            return false;
        }
    }
}
