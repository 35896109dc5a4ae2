package io.promptsuite.stats.price;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The USD prices per million tokens one event is charged at. Cached and cache-write prices default to the input
 * price, the reasoning price to the output price, so an entry that names only input and output still charges every
 * token exactly once.
 */
record Rates(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output, BigDecimal reasoning) {

    static final int SCALE = 12;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    static Rates of(PriceEntry entry) {
        return new Rates(entry.inputPerMtok(), entry.cachedInputPerMtok(), entry.cacheWritePerMtok(), entry.outputPerMtok(),
                entry.reasoningPerMtok());
    }

    /** These rates with the prices the tier names put in their place. */
    Rates with(PriceTier tier) {
        return new Rates(or(tier.inputPerMtok(), input), or(tier.cachedInputPerMtok(), cachedInput),
                or(tier.cacheWritePerMtok(), cacheWrite), or(tier.outputPerMtok(), output), or(tier.reasoningPerMtok(), reasoning));
    }

    /** Input tokens include the cached and cache-write ones, output tokens the reasoning ones (OTel GenAI). */
    BigDecimal cost(long inputTokens, long cachedTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens) {
        long plainInput = Math.max(0, inputTokens - cachedTokens - cacheWriteTokens);
        long plainOutput = Math.max(0, outputTokens - reasoningTokens);
        BigDecimal perMillion = times(plainInput, input)
                .add(times(cachedTokens, or(cachedInput, input)))
                .add(times(cacheWriteTokens, or(cacheWrite, input)))
                .add(times(plainOutput, output))
                .add(times(reasoningTokens, or(reasoning, output)));
        return perMillion.divide(MILLION, SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal times(long tokens, BigDecimal price) {
        return price.multiply(BigDecimal.valueOf(tokens));
    }

    private static BigDecimal or(BigDecimal value, BigDecimal fallback) {
        return value != null ? value : fallback;
    }
}
