package io.promptsuite.stats.query;

import java.math.BigDecimal;

import io.promptsuite.stats.rollup.LatencySketch;

/**
 * The numbers of one group (a bucket, a prompt, a user, …) summed over every rollup piece and pending event it holds.
 * Percentiles come from the merged sketch, never from averages of averages.
 */
final class Aggregate {

    long calls;
    long errors;
    long latencySum;
    long latencyMax;
    long inputTokens;
    long cachedInputTokens;
    long outputTokens;
    BigDecimal cost = BigDecimal.ZERO;
    /** Null when the query did not ask for percentiles. */
    LatencySketch sketch;

    static Aggregate empty() {
        return new Aggregate();
    }

    double errorRate() {
        return calls == 0 ? 0 : round((double) errors / calls, 6);
    }

    double mean() {
        return calls == 0 ? 0 : round((double) latencySum / calls, 2);
    }

    double quantile(double q) {
        return sketch == null ? 0 : round(sketch.quantile(q), 2);
    }

    long tokens() {
        return inputTokens + outputTokens;
    }

    /** Cost as a plain decimal: no trailing zeros, never in exponent form. */
    BigDecimal plainCost() {
        BigDecimal c = cost.stripTrailingZeros();
        return c.scale() < 0 ? c.setScale(0) : c;
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
