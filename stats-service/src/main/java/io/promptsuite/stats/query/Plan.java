package io.promptsuite.stats.query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What one answer reads: its output buckets (index, label) and, for each, the range of UTC instants it counts after
 * every boundary went through {@link Precision}. Pending events are filtered by these ranges exactly, and the rollups
 * by their {@link Pieces}, so an event counts in the same bucket before and after it is folded.
 *
 * @param from   the effective start of the whole answer
 * @param to     the effective (exclusive) end
 * @param labels the bucket labels, one per index; a single null label for an answer without buckets
 */
record Plan(Instant from, Instant to, List<ZonedDateTime> labels, List<Range> ranges) {

    /** The instants output bucket {@code index} counts. */
    record Range(int index, Instant from, Instant to) {
    }

    /** The whole range as one bucket. */
    static Plan whole(Instant from, Instant to, Precision precision) {
        Instant lo = precision.down(from);
        Instant hi = precision.up(to);
        List<ZonedDateTime> labels = new ArrayList<>();
        labels.add(null);
        return new Plan(lo, hi, labels, List.of(new Range(0, lo, hi)));
    }

    /** One bucket per {@code interval} of {@code zone} that meets {@code [from, to)}. */
    static Plan bucketed(Instant from, Instant to, ZoneId zone, Interval interval, int maxBuckets, Precision precision)
            throws Buckets.TooMany {
        List<Buckets.Bucket> buckets = Buckets.of(from, to, zone, interval, maxBuckets);
        List<ZonedDateTime> labels = new ArrayList<>(buckets.size());
        List<Range> ranges = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Buckets.Bucket b = buckets.get(i);
            labels.add(b.label());
            Instant lo = precision.down(b.start());
            // The last bucket's end is the range's end, widened like a whole range's; every other end is the next
            // bucket's start, so neighbours share their boundary exactly.
            Instant hi = i == buckets.size() - 1 ? precision.up(b.end()) : precision.down(b.end());
            if (lo.isBefore(hi)) {
                ranges.add(new Range(i, lo, hi));
            }
        }
        Instant lo = precision.down(from);
        return new Plan(lo, precision.up(to), labels, ranges);
    }

    int size() {
        return labels.size();
    }
}
