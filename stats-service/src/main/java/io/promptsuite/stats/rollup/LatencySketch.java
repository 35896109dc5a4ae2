package io.promptsuite.stats.rollup;

import java.io.IOException;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.PaginatedStore;

/**
 * The latency distribution of a rollup bucket: a DDSketch with 0.5 % relative accuracy, so any quantile merged from
 * any number of buckets is within 0.5 % of the exact value at that rank (the issue asks for 1 %). Merging is exact
 * and order-independent, so the same range always answers the same percentiles. Bins live in pages allocated only
 * where values fall, so a bucket holding both 1 ms and a day costs two pages, not every bin between them.
 */
public final class LatencySketch {

    /** Relative accuracy of every value read back. */
    public static final double RELATIVE_ACCURACY = 0.005;

    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

    private final DDSketch sketch;

    private LatencySketch(DDSketch sketch) {
        this.sketch = sketch;
    }

    public static LatencySketch empty() {
        return new LatencySketch(new DDSketch(MAPPING, PaginatedStore::new));
    }

    /** A sketch stored by {@link #encode()}; a row that can't be read is a bug, not input, so it fails loudly. */
    public static LatencySketch decode(byte[] bytes) {
        try {
            return new LatencySketch(DDSketch.decode(ByteArrayInput.wrap(bytes), PaginatedStore::new, MAPPING));
        } catch (IOException e) {
            throw new IllegalStateException("A stored latency sketch could not be read", e);
        }
    }

    public void add(double latencyMs) {
        sketch.accept(latencyMs);
    }

    public void merge(LatencySketch other) {
        sketch.mergeWith(other.sketch);
    }

    /** Merges a stored sketch without building an intermediate object. */
    public void merge(byte[] encoded) {
        try {
            sketch.decodeAndMergeWith(ByteArrayInput.wrap(encoded));
        } catch (IOException e) {
            throw new IllegalStateException("A stored latency sketch could not be read", e);
        }
    }

    public double count() {
        return sketch.getCount();
    }

    /** The value at quantile {@code q} (0..1); 0 for an empty sketch. */
    public double quantile(double q) {
        return sketch.isEmpty() ? 0 : sketch.getValueAtQuantile(q);
    }

    /**
     * DDSketch's own encoding, the one {@link #decode} and {@link #merge(byte[])} read (its {@code serialize()} writes
     * the protobuf form instead, which they can't).
     */
    public byte[] encode() {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException("A latency sketch could not be encoded", e);
        }
        return out.trimmedCopy();
    }
}
