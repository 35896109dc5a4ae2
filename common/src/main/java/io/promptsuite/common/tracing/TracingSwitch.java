package io.promptsuite.common.tracing;

import java.util.List;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Tracing is on exactly when an OTLP endpoint is configured. Quarkus can't switch its exporter off at run time (an
 * unset endpoint means {@code localhost:4317}, and a failed export is logged every few seconds: quarkus#44200), so
 * without an endpoint of the operator's the whole SDK is disabled instead. An explicit
 * {@code quarkus.otel.sdk.disabled} always wins.
 */
@Priority(Priorities.APPLICATION + 100)
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint");
    /** Quarkus's own default endpoint, which nobody configured. */
    static final String BUILT_IN_DEFAULT = "http://localhost:4317";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || explicitlySet(value)) {
            return value;
        }
        boolean disabled = ENDPOINTS.stream().map(context::proceed).noneMatch(TracingSwitch::isOperatorEndpoint);
        ConfigValue base = value != null ? value : ConfigValue.builder().withName(name).build();
        return base.withValue(Boolean.toString(disabled)).withConfigSourceName(TracingSwitch.class.getSimpleName());
    }

    private static boolean explicitlySet(ConfigValue value) {
        return value != null && value.getValue() != null && !isDefaultsSource(value.getConfigSourceName());
    }

    static boolean isOperatorEndpoint(ConfigValue endpoint) {
        if (endpoint == null || endpoint.getValue() == null || isDefaultsSource(endpoint.getConfigSourceName())) {
            return false;
        }
        String url = endpoint.getValue().trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return !url.isEmpty() && !url.equals(BUILT_IN_DEFAULT);
    }

    private static boolean isDefaultsSource(String sourceName) {
        return sourceName == null || sourceName.contains("Default");
    }
}
