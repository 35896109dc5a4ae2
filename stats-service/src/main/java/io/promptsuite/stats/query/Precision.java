package io.promptsuite.stats.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How finely a boundary can be honoured. Rollups are per minute at best, so a boundary moves to its minute; per-minute
 * rollups are kept only {@code stats.retention.minute-rollup-days}, so a boundary older than that moves to its hour.
 * Every boundary of one answer moves by the same rule (monotonic), so adjacent buckets stay adjacent: nothing is
 * counted twice or lost between them.
 */
final class Precision {

    /** Boundaries at or after this instant keep their minute. */
    private final Instant minuteCutoff;

    private Precision(Instant minuteCutoff) {
        this.minuteCutoff = minuteCutoff;
    }

    /**
     * Minutes back to the first whole UTC day that surely still has its per-minute rollups, however the retention job
     * trims them (by the row or by the day).
     */
    static Precision at(Instant now, int minuteRollupDays) {
        return new Precision(now.minus(Duration.ofDays(minuteRollupDays)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)));
    }

    /** Whole hours everywhere: for sources kept only per hour (the per-user rollups). */
    static Precision hours() {
        return new Precision(Instant.MAX);
    }

    Instant minuteCutoff() {
        return minuteCutoff;
    }

    /** The boundary moved back to the start of its minute (or hour). */
    Instant down(Instant t) {
        return t.truncatedTo(t.isBefore(minuteCutoff) ? ChronoUnit.HOURS : ChronoUnit.MINUTES);
    }

    /** The boundary moved on to the end of its minute (or hour): an exclusive end that covers {@code t}'s unit. */
    Instant up(Instant t) {
        ChronoUnit unit = t.isBefore(minuteCutoff) ? ChronoUnit.HOURS : ChronoUnit.MINUTES;
        Instant floor = t.truncatedTo(unit);
        return floor.equals(t) ? t : floor.plus(1, unit);
    }
}
