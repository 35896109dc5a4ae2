package io.promptsuite.stats.query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of a range in a time zone: each labelled with its zone-aligned start and clipped to the range, so the
 * points of a timeseries add up to the summary of the same range.
 */
final class Buckets {

    /** One bucket: its label (where it begins in the zone) and the part of the range it covers. */
    record Bucket(ZonedDateTime label, Instant start, Instant end) {
    }

    /** More buckets than allowed; the caller turns it into a 400. */
    static final class TooMany extends Exception {
        TooMany() {
            super(null, null, false, false);
        }
    }

    private Buckets() {
    }

    /** Every bucket of {@code [from, to)}; stops as soon as there would be more than {@code max}, whatever the range. */
    static List<Bucket> of(Instant from, Instant to, ZoneId zone, Interval interval, int max) throws TooMany {
        List<Bucket> buckets = new ArrayList<>();
        ZonedDateTime label = interval.start(from.atZone(zone));
        while (label.toInstant().isBefore(to)) {
            if (buckets.size() == max) {
                throw new TooMany();
            }
            ZonedDateTime next = interval.next(label);
            Instant start = label.toInstant().isBefore(from) ? from : label.toInstant();
            Instant end = next.toInstant().isAfter(to) ? to : next.toInstant();
            buckets.add(new Bucket(label, start, end));
            label = next;
        }
        return buckets;
    }
}
