package io.promptsuite.prompt.render;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.promptsuite.common.error.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code prompt_renders_total{outcome}}: {@code rendered}, or the error code a render was refused with
 * ({@code invalid_variables}, {@code render_too_expensive}, {@code prompt_not_found}, …). The codes are the service's
 * own fixed set, so the tag stays small; counters are made once per code, never on the warm path.
 */
@ApplicationScoped
public class RenderMetrics {

    @Inject
    MeterRegistry registry;

    private Counter rendered;
    private final ConcurrentMap<String, Counter> refused = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        rendered = counter("rendered");
    }

    void rendered() {
        rendered.increment();
    }

    void refused(ApiException e) {
        refused.computeIfAbsent(e.code(), code -> counter(code.toLowerCase(Locale.ROOT))).increment();
    }

    private Counter counter(String outcome) {
        return Counter.builder("prompt.renders").description("Render requests by outcome").tag("outcome", outcome)
                .register(registry);
    }
}
