package io.promptsuite.common.tracing;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class TracingSwitchTest {

    /** Quarkus's defaults as it registers them: the built-in endpoint and an SDK that is on. */
    private static SmallRyeConfig config(Map<String, String> operator) {
        return new SmallRyeConfigBuilder()
                .withDefaultValue("quarkus.otel.sdk.disabled", "false")
                .withDefaultValue("quarkus.otel.exporter.otlp.endpoint", "http://localhost:4317/")
                .withSources(new PropertiesConfigSource(operator, "application.properties", 250))
                .withInterceptors(new TracingSwitch())
                .build();
    }

    private static boolean disabled(Map<String, String> operator) {
        return config(operator).getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }

    @Test
    void withoutAnEndpointTheSdkIsOff() {
        assertTrue(disabled(Map.of()));
    }

    @Test
    void anOperatorsEndpointTurnsTracingOn() {
        assertFalse(disabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4318")));
        assertFalse(disabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://otel.monitoring.svc:4317")));
    }

    @Test
    void theBuiltInDefaultOrABlankValueIsNoEndpoint() {
        assertTrue(disabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://localhost:4317")));
        assertTrue(disabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4317/")));
    }

    @Test
    void anExplicitSettingAlwaysWins() {
        assertTrue(disabled(Map.of("quarkus.otel.sdk.disabled", "true",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4318")));
        assertFalse(disabled(Map.of("quarkus.otel.sdk.disabled", "false")));
    }

    @Test
    void otherPropertiesPassThrough() {
        assertEquals("http://collector:4318", config(Map.of("quarkus.otel.exporter.otlp.traces.endpoint",
                "http://collector:4318")).getValue("quarkus.otel.exporter.otlp.traces.endpoint", String.class));
    }
}
