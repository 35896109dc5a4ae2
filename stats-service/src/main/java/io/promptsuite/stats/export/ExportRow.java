package io.promptsuite.stats.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One raw event as exported: the fields of the batch API, in its names (see COLUMNS). */
record ExportRow(Instant startedAt, UUID eventId, UUID tenantId, String prompt, int version, String label, String model,
        String provider, boolean error, String errorCode, int latencyMs, Integer timeToFirstTokenMs, long inputTokens,
        long cachedInputTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens, BigDecimal cost,
        String userId, String metadata) {

    static final String[] COLUMNS = { "started_at", "event_id", "tenant_id", "prompt", "version", "label", "model",
            "provider", "status", "error_code", "latency_ms", "time_to_first_token_ms", "input_tokens",
            "cached_input_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens", "cost", "user_id",
            "metadata" };

    String status() {
        return error ? "error" : "success";
    }

    /** The cost without trailing zeros and never in exponent form. */
    String costText() {
        BigDecimal stripped = cost.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
