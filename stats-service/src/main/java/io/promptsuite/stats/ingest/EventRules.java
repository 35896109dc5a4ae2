package io.promptsuite.stats.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.promptsuite.common.error.FieldError;
import io.promptsuite.stats.ExecutionEvent;
import io.promptsuite.stats.StatsConfig;
import io.promptsuite.stats.retention.RetentionPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What an execution event must be to be counted, whichever way it came in (batch, OTLP, prompt-service's relay). The
 * bounds are wide for real executions and tight enough that no sum over a tenant's retention can overflow.
 */
@ApplicationScoped
public class EventRules {

    public static final int MAX_LATENCY_MS = 86_400_000;
    public static final long MAX_TOKENS = 1_000_000_000L;
    public static final BigDecimal MAX_COST = BigDecimal.valueOf(1_000_000);
    public static final int MAX_PROMPT = 200;
    public static final int MAX_LABEL = 100;
    public static final int MAX_MODEL = 200;
    public static final int MAX_PROVIDER = 100;
    public static final int MAX_ERROR_CODE = 100;
    public static final int MAX_USER_ID = 200;

    @Inject
    StatsConfig config;

    @Inject
    RetentionPolicy retention;

    /** Every problem of the event at {@code index}, each named {@code events[index].field}; empty when it is good. */
    public List<FieldError> problems(int index, ExecutionEvent e, Instant now) {
        List<FieldError> problems = new ArrayList<>();
        Function<String, String> at = field -> "events[" + index + "]." + field;
        if (e.eventId() == null) {
            problems.add(new FieldError(at.apply("event_id"), "is required"));
        }
        if (e.tenantId() == null) {
            problems.add(new FieldError(at.apply("tenant_id"), "is required"));
        }
        text(problems, at.apply("prompt"), e.prompt(), MAX_PROMPT, true);
        text(problems, at.apply("label"), e.label(), MAX_LABEL, false);
        text(problems, at.apply("model"), e.model(), MAX_MODEL, true);
        text(problems, at.apply("provider"), e.provider(), MAX_PROVIDER, true);
        text(problems, at.apply("error_code"), e.errorCode(), MAX_ERROR_CODE, false);
        text(problems, at.apply("user_id"), e.userId(), MAX_USER_ID, false);
        if (e.version() < 0) {
            problems.add(new FieldError(at.apply("version"), "must be 0 or more"));
        }
        if (e.latencyMs() < 0 || e.latencyMs() > MAX_LATENCY_MS) {
            problems.add(new FieldError(at.apply("latency_ms"), "must be between 0 and " + MAX_LATENCY_MS + " (one day)"));
        }
        Integer ttft = e.timeToFirstTokenMs();
        if (ttft != null && (ttft < 0 || ttft > MAX_LATENCY_MS)) {
            problems.add(new FieldError(at.apply("time_to_first_token_ms"), "must be between 0 and " + MAX_LATENCY_MS));
        } else if (ttft != null && ttft > e.latencyMs()) {
            problems.add(new FieldError(at.apply("time_to_first_token_ms"), "can't be more than latency_ms"));
        }
        boolean tokensInRange = tokens(problems, at.apply("input_tokens"), e.inputTokens())
                & tokens(problems, at.apply("cached_input_tokens"), e.cachedInputTokens())
                & tokens(problems, at.apply("cache_write_tokens"), e.cacheWriteTokens())
                & tokens(problems, at.apply("output_tokens"), e.outputTokens())
                & tokens(problems, at.apply("reasoning_tokens"), e.reasoningTokens());
        if (tokensInRange && e.cachedInputTokens() + e.cacheWriteTokens() > e.inputTokens()) {
            problems.add(new FieldError(at.apply("cached_input_tokens"),
                    "cached_input_tokens + cache_write_tokens can't exceed input_tokens (input tokens include them)"));
        }
        if (tokensInRange && e.reasoningTokens() > e.outputTokens()) {
            problems.add(new FieldError(at.apply("reasoning_tokens"),
                    "can't exceed output_tokens (output tokens include them)"));
        }
        if (e.cost() != null && (e.cost().signum() < 0 || e.cost().compareTo(MAX_COST) > 0)) {
            problems.add(new FieldError(at.apply("cost"), "must be between 0 and " + MAX_COST + " USD"));
        }
        if (e.startedAt() == null) {
            problems.add(new FieldError(at.apply("started_at"), "is required"));
        } else if (e.startedAt().isAfter(now.plus(config.ingest().maxFutureSkew()))) {
            problems.add(new FieldError(at.apply("started_at"),
                    "lies more than " + config.ingest().maxFutureSkew() + " in the future"));
        } else if (e.tenantId() != null && e.startedAt().isBefore(retention.oldestAccepted(e.tenantId()))) {
            problems.add(new FieldError(at.apply("started_at"),
                    "is older than the tenant's retention of " + retention.days(e.tenantId()) + " days"));
        }
        if (e.metadata() != null && e.metadata().getBytes(StandardCharsets.UTF_8).length > config.ingest().maxMetadataBytes()) {
            problems.add(new FieldError(at.apply("metadata"), "is larger than " + config.ingest().maxMetadataBytes() + " bytes"));
        }
        return problems;
    }


    private static void text(List<FieldError> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(new FieldError(field, "is required"));
            }
        } else if (value.length() > max) {
            problems.add(new FieldError(field, "at most " + max + " characters"));
        } else if (value.indexOf('\u0000') >= 0) {
            problems.add(new FieldError(field, "must not hold a NUL character"));
        } else if (required && value.isBlank()) {
            problems.add(new FieldError(field, "must not be blank"));
        }
    }

    private static boolean tokens(List<FieldError> problems, String field, long value) {
        if (value < 0 || value > MAX_TOKENS) {
            problems.add(new FieldError(field, "must be between 0 and " + MAX_TOKENS));
            return false;
        }
        return true;
    }
}
