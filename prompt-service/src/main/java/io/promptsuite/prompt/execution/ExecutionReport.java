package io.promptsuite.prompt.execution;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One execution of a prompt as its caller reports it: the fields of a stats-service event except the prompt and the
 * tenant, which come from the path and the caller. Numbers are wide here so {@link ExecutionRules} can name a field that
 * is out of range instead of failing on the JSON.
 */
@Schema(description = "An execution of the prompt: what ran, how long it took, what it used")
public record ExecutionReport(
        @Schema(description = "The idempotency key; generated when absent") UUID eventId,
        @Schema(description = "The version that ran; when absent, the version the label points at now", minimum = "1") Integer version,
        @Schema(description = "The label the execution rendered through", maxLength = 63) String label,
        @Schema(required = true, maxLength = 200) String model,
        @Schema(required = true, maxLength = 100) String provider,
        @Schema(required = true, enumeration = { "success", "error" }) String status,
        @Schema(description = "Only with status error", maxLength = 200) String errorCode,
        @Schema(required = true, minimum = "0", maximum = "2147483647") Long latencyMs,
        @Schema(minimum = "0", maximum = "2147483647") Long timeToFirstTokenMs,
        @Schema(required = true, minimum = "0", description = "All input tokens, cached and cache-write ones included") Long inputTokens,
        @Schema(minimum = "0", description = "Part of input_tokens") Long cachedInputTokens,
        @Schema(minimum = "0", description = "Part of input_tokens") Long cacheWriteTokens,
        @Schema(required = true, minimum = "0", description = "All output tokens, reasoning ones included") Long outputTokens,
        @Schema(minimum = "0", description = "Part of output_tokens") Long reasoningTokens,
        @Schema(minimum = "0", description = "USD; computed by stats-service from its price book when absent") BigDecimal cost,
        @Schema(description = "RFC 3339; now when absent", format = "date-time") String startedAt,
        @Schema(maxLength = 200, description = "The caller's own id when absent") String userId,
        @Schema(description = "A small JSON object (at most 4 KiB serialised)") Map<String, Object> metadata) {
}
