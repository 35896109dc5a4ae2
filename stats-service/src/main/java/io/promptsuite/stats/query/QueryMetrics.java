package io.promptsuite.stats.query;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code stats_query_seconds{endpoint}}: how long each query endpoint takes, cache hits included. */
@ApplicationScoped
public class QueryMetrics {

    enum Endpoint {
        SUMMARY, TIMESERIES, TOP
    }

    @Inject
    MeterRegistry registry;

    private final Map<Endpoint, Timer> timers = new EnumMap<>(Endpoint.class);

    @PostConstruct
    void init() {
        for (Endpoint e : Endpoint.values()) {
            timers.put(e, Timer.builder("stats.query").description("Stats query answers by endpoint")
                    .tag("endpoint", e.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    <T> T time(Endpoint endpoint, Supplier<T> work) {
        return timers.get(endpoint).record(work);
    }
}
