package io.promptsuite.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.rollup.LatencySketch;

/** The sketch alone: accuracy against exact percentiles, and merging that gives exactly what one sketch gives. */
class LatencySketchTest {

    static final double[] QUANTILES = { 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0 };

    /** Long-tailed like real latencies: a lognormal around 300 ms. */
    static int[] latencies(int n, long seed) {
        Random random = new Random(seed);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = (int) Math.max(1, Math.round(300 * Math.exp(random.nextGaussian() * 0.8)));
        }
        return values;
    }

    /** The value of the exact distribution at the rank DDSketch reads: floor(q * (n - 1)). */
    static double exact(int[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    @Test
    void quantilesAreWithinOnePercentOfTheExactValue() {
        int[] values = latencies(10_000, 7);
        LatencySketch sketch = LatencySketch.empty();
        for (int v : values) {
            sketch.add(v);
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : QUANTILES) {
            double want = exact(sorted, q);
            double got = sketch.quantile(q);
            assertTrue(Math.abs(got - want) <= 0.01 * want, "q" + q + ": " + got + " vs exact " + want);
        }
        assertEquals(10_000, sketch.count());
    }

    @Test
    void mergedStoredSketchesAnswerExactlyWhatOneSketchAnswers() {
        int[] values = latencies(10_000, 11);
        LatencySketch whole = LatencySketch.empty();
        LatencySketch merged = LatencySketch.empty();
        for (int part = 0; part < 100; part++) {
            LatencySketch piece = LatencySketch.empty();
            for (int i = part; i < values.length; i += 100) {
                piece.add(values[i]);
                whole.add(values[i]);
            }
            // Through the bytes a rollup row stores, both ways of merging.
            if (part % 2 == 0) {
                merged.merge(piece.encode());
            } else {
                merged.merge(LatencySketch.decode(piece.encode()));
            }
        }
        for (double q : QUANTILES) {
            assertEquals(whole.quantile(q), merged.quantile(q), 0.0, "q" + q);
        }
        assertEquals(whole.count(), merged.count());
    }

    @Test
    void anEmptySketchAnswersZero() {
        LatencySketch empty = LatencySketch.decode(LatencySketch.empty().encode());
        assertEquals(0, empty.quantile(0.99));
        assertEquals(0, empty.count());
    }
}
