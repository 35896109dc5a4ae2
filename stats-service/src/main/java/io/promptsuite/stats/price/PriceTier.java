package io.promptsuite.stats.price;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Prices that replace the entry's own for an event whose input_tokens exceed {@code aboveInputTokens} (a long
 * context); a price the tier leaves out stays the entry's.
 */
public record PriceTier(
        @Schema(description = "The tier applies to events with more input tokens than this") Long aboveInputTokens,
        @Schema(nullable = true) BigDecimal inputPerMtok,
        @Schema(nullable = true) BigDecimal cachedInputPerMtok,
        @Schema(nullable = true) BigDecimal cacheWritePerMtok,
        @Schema(nullable = true) BigDecimal outputPerMtok,
        @Schema(nullable = true) BigDecimal reasoningPerMtok) {
}
