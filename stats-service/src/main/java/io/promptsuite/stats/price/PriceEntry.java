package io.promptsuite.stats.price;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** One row of the price book: a tenant's ({@code tenantId} set) or the shipped default book's (null). */
public record PriceEntry(UUID id, UUID tenantId, String modelPattern, String provider, Instant effectiveFrom,
        BigDecimal inputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal cacheWritePerMtok, BigDecimal outputPerMtok,
        BigDecimal reasoningPerMtok, List<PriceTier> tiers, Instant createdAt, Instant updatedAt) {

    public boolean isDefault() {
        return tenantId == null;
    }

    /** The cost of an event with these token counts; the highest tier the input exceeds replaces what it names. */
    public BigDecimal cost(long inputTokens, long cachedTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens) {
        Rates rates = Rates.of(this);
        PriceTier applied = tiers.stream()
                .filter(t -> inputTokens > t.aboveInputTokens())
                .max(Comparator.comparingLong(PriceTier::aboveInputTokens))
                .orElse(null);
        if (applied != null) {
            rates = rates.with(applied);
        }
        return rates.cost(inputTokens, cachedTokens, cacheWriteTokens, outputTokens, reasoningTokens);
    }
}
