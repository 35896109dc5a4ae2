package io.promptsuite.prompt.execution;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.error.FieldError;
import io.promptsuite.prompt.PromptNames;

/**
 * The bounds stats-service puts on an event, checked before the event enters the outbox: a report it would refuse is
 * refused here, at once and to the caller who can fix it, instead of dead-lettered later where nobody sees it.
 * Plain code so the bounds sit in one place; every bad field is named, not only the first.
 */
final class ExecutionRules {

    static final int MAX_LABEL = 63;
    static final int MAX_MODEL = 200;
    static final int MAX_PROVIDER = 100;
    static final int MAX_ERROR_CODE = 100;
    static final int MAX_USER_ID = 200;
    /** Far beyond any real count, low enough that sums over millions of events can't overflow a long. */
    static final long MAX_TOKENS = 1_000_000_000L;
    /** stats-service stores cost as numeric(24,12). */
    static final int COST_SCALE = 12;
    static final BigDecimal MAX_COST = new BigDecimal("1000000");
    /** One day, as stats-service bounds it. */
    static final int MAX_LATENCY_MS = 86_400_000;

    private final Duration maxFutureSkew;
    private final Duration maxAge;
    private final int maxMetadataBytes;
    private final ObjectMapper json;

    ExecutionRules(Duration maxFutureSkew, Duration maxAge, int maxMetadataBytes, ObjectMapper json) {
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
        this.maxMetadataBytes = maxMetadataBytes;
        this.json = json;
    }

    /** The report's bad fields; empty when stats-service would take it. {@code startedAt} is parsed here too. */
    List<FieldError> check(ExecutionReport r, Instant now) {
        List<FieldError> bad = new ArrayList<>();
        if (r.version() == null && r.label() == null) {
            bad.add(new FieldError("version", "is required unless a label is given (the version it points at is used)"));
        }
        if (r.version() != null && r.version() < 1) {
            bad.add(new FieldError("version", "must be 1 or more"));
        }
        if (r.label() != null && !PromptNames.LABEL.matcher(r.label()).matches()) {
            bad.add(new FieldError("label", "invalid label name: lower-case letters, digits, '.', '_' and '-' (at most " + MAX_LABEL + ")"));
        }
        text(bad, "model", r.model(), true, MAX_MODEL);
        text(bad, "provider", r.provider(), true, MAX_PROVIDER);
        text(bad, "error_code", r.errorCode(), false, MAX_ERROR_CODE);
        text(bad, "user_id", r.userId(), false, MAX_USER_ID);
        if (r.status() == null) {
            bad.add(new FieldError("status", "is required"));
        } else if (!r.status().equals("success") && !r.status().equals("error")) {
            bad.add(new FieldError("status", "must be success or error"));
        } else if (r.status().equals("success") && r.errorCode() != null) {
            bad.add(new FieldError("error_code", "is only for status error"));
        }
        number(bad, "latency_ms", r.latencyMs(), true, MAX_LATENCY_MS);
        number(bad, "time_to_first_token_ms", r.timeToFirstTokenMs(), false, MAX_LATENCY_MS);
        if (r.timeToFirstTokenMs() != null && r.latencyMs() != null && r.timeToFirstTokenMs() > r.latencyMs()) {
            bad.add(new FieldError("time_to_first_token_ms", "must not exceed latency_ms"));
        }
        number(bad, "input_tokens", r.inputTokens(), true, MAX_TOKENS);
        number(bad, "cached_input_tokens", r.cachedInputTokens(), false, MAX_TOKENS);
        number(bad, "cache_write_tokens", r.cacheWriteTokens(), false, MAX_TOKENS);
        number(bad, "output_tokens", r.outputTokens(), true, MAX_TOKENS);
        number(bad, "reasoning_tokens", r.reasoningTokens(), false, MAX_TOKENS);
        if (r.inputTokens() != null && r.inputTokens() >= 0) {
            long part = nonNegative(r.cachedInputTokens()) + nonNegative(r.cacheWriteTokens());
            if (part > r.inputTokens()) {
                bad.add(new FieldError(r.cachedInputTokens() != null ? "cached_input_tokens" : "cache_write_tokens",
                        "cached and cache-write tokens are part of input_tokens and can't exceed it"));
            }
        }
        if (r.outputTokens() != null && r.reasoningTokens() != null && r.reasoningTokens() > r.outputTokens()) {
            bad.add(new FieldError("reasoning_tokens", "reasoning tokens are part of output_tokens and can't exceed it"));
        }
        if (r.cost() != null) {
            if (r.cost().signum() < 0) {
                bad.add(new FieldError("cost", "must not be negative"));
            } else if (r.cost().compareTo(MAX_COST) >= 0) {
                bad.add(new FieldError("cost", "must be below " + MAX_COST.toPlainString()));
            } else if (r.cost().stripTrailingZeros().scale() > COST_SCALE) {
                bad.add(new FieldError("cost", "has more than " + COST_SCALE + " decimal places"));
            }
        }
        startedAt(bad, r.startedAt(), now);
        metadata(bad, r);
        return bad;
    }

    /** The report's start, or now when it gives none; call after {@link #check} found nothing. */
    static Instant startedAt(ExecutionReport r, Instant now) {
        return r.startedAt() == null ? now : OffsetDateTime.parse(r.startedAt()).toInstant();
    }

    private void startedAt(List<FieldError> bad, String value, Instant now) {
        if (value == null) {
            return;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            bad.add(new FieldError("started_at", "must be an RFC 3339 timestamp with an offset, e.g. 2026-01-31T12:00:00Z"));
            return;
        }
        if (at.isAfter(now.plus(maxFutureSkew))) {
            bad.add(new FieldError("started_at", "lies more than " + maxFutureSkew + " in the future"));
        } else if (at.isBefore(now.minus(maxAge))) {
            bad.add(new FieldError("started_at", "is older than " + maxAge + ", beyond what stats keeps"));
        }
    }

    private void metadata(List<FieldError> bad, ExecutionReport r) {
        if (r.metadata() == null) {
            return;
        }
        try {
            int size = json.writeValueAsString(r.metadata()).getBytes(StandardCharsets.UTF_8).length;
            if (size > maxMetadataBytes) {
                bad.add(new FieldError("metadata", "is " + size + " bytes as JSON; at most " + maxMetadataBytes));
            }
        } catch (JsonProcessingException e) {
            bad.add(new FieldError("metadata", "must be a JSON object"));
        }
    }

    private static void text(List<FieldError> bad, String field, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                bad.add(new FieldError(field, "is required"));
            }
        } else if (value.isBlank()) {
            bad.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > max) {
            bad.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            bad.add(new FieldError(field, "must not hold control characters"));
        }
    }

    private static void number(List<FieldError> bad, String field, Long value, boolean required, long max) {
        if (value == null) {
            if (required) {
                bad.add(new FieldError(field, "is required"));
            }
        } else if (value < 0) {
            bad.add(new FieldError(field, "must not be negative"));
        } else if (value > max) {
            bad.add(new FieldError(field, "must be at most " + max));
        }
    }

    private static long nonNegative(Long value) {
        return value == null || value < 0 ? 0 : value;
    }
}
