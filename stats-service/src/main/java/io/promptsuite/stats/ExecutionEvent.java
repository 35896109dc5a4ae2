package io.promptsuite.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One execution, validated and with its tenant settled: what every way in (the batch API, OTLP, prompt-service's
 * relay) turns its input into, and what the rest of the service counts. Token counts follow the OpenTelemetry GenAI
 * conventions: {@code inputTokens} includes the cached and cache-write tokens, {@code outputTokens} includes the
 * reasoning tokens, so no token is counted twice.
 *
 * @param label     the label the execution rendered through, "" when none
 * @param cost      USD; null when the caller sent none (it is then computed from the price book)
 * @param metadata  a small JSON object as text, or null
 */
public record ExecutionEvent(
        UUID eventId,
        UUID tenantId,
        String prompt,
        int version,
        String label,
        String model,
        String provider,
        boolean error,
        String errorCode,
        int latencyMs,
        Integer timeToFirstTokenMs,
        long inputTokens,
        long cachedInputTokens,
        long cacheWriteTokens,
        long outputTokens,
        long reasoningTokens,
        BigDecimal cost,
        Instant startedAt,
        String userId,
        String metadata) {

    public ExecutionEvent withCost(BigDecimal computed) {
        return new ExecutionEvent(eventId, tenantId, prompt, version, label, model, provider, error, errorCode,
                latencyMs, timeToFirstTokenMs, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens,
                reasoningTokens, computed, startedAt, userId, metadata);
    }
}
