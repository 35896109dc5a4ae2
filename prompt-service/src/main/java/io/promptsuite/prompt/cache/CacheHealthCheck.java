package io.promptsuite.prompt.cache;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Redis is a cache here, not a dependency: without it the service is still ready, serving from PostgreSQL, and says so.
 */
@Readiness
@ApplicationScoped
public class CacheHealthCheck implements HealthCheck {

    @Inject
    RedisLink link;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("prompt cache")
                .up()
                .withData("redis", link.up() ? "up" : "down")
                .withData("mode", link.inSync() ? "cached" : "serving from PostgreSQL")
                .build();
    }
}
