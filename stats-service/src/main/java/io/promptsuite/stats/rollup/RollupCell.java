package io.promptsuite.stats.rollup;

import java.math.BigDecimal;

/**
 * The running totals of one rollup row. Every field merges exactly (sums, min, max, and a sketch whose bins are
 * integer counts), so folding events in any batches and order gives the same row as aggregating them at once.
 */
final class RollupCell {

    long calls;
    long errors;
    long latencySum;
    int latencyMin = Integer.MAX_VALUE;
    int latencyMax = Integer.MIN_VALUE;
    long inputTokens;
    long cachedInputTokens;
    long outputTokens;
    long reasoningTokens;
    BigDecimal cost = BigDecimal.ZERO;
    LatencySketch sketch = LatencySketch.empty();

    void add(FoldRow row) {
        calls++;
        if (row.error()) {
            errors++;
        }
        latencySum += row.latencyMs();
        latencyMin = Math.min(latencyMin, row.latencyMs());
        latencyMax = Math.max(latencyMax, row.latencyMs());
        inputTokens += row.inputTokens();
        cachedInputTokens += row.cachedInputTokens();
        outputTokens += row.outputTokens();
        reasoningTokens += row.reasoningTokens();
        cost = cost.add(row.cost());
        sketch.add(row.latencyMs());
    }

    void merge(RollupCell other) {
        calls += other.calls;
        errors += other.errors;
        latencySum += other.latencySum;
        latencyMin = Math.min(latencyMin, other.latencyMin);
        latencyMax = Math.max(latencyMax, other.latencyMax);
        inputTokens += other.inputTokens;
        cachedInputTokens += other.cachedInputTokens;
        outputTokens += other.outputTokens;
        reasoningTokens += other.reasoningTokens;
        cost = cost.add(other.cost);
        sketch.merge(other.sketch);
    }
}
