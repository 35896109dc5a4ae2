package io.promptsuite.stats.query;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** The width of a bucket, in the caller's time zone: a day or an hour begins where the zone's clocks say. */
public enum Interval {
    MINUTE, HOUR, DAY;

    /** The start of the bucket holding {@code t}. */
    ZonedDateTime start(ZonedDateTime t) {
        return switch (this) {
            // Truncating keeps the offset where the local time is ambiguous, so the two 02:00 hours of an autumn night
            // stay two buckets.
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            // atStartOfDay: in a zone whose clocks skip midnight the day begins at the first instant that exists.
            case DAY -> t.toLocalDate().atStartOfDay(t.getZone());
        };
    }

    /** The start of the bucket after the one starting at {@code start}. */
    ZonedDateTime next(ZonedDateTime start) {
        ZonedDateTime next = switch (this) {
            case MINUTE -> start(start.plusMinutes(1));
            // Stepping on the instant line, then re-aligning: a zone that shifts by 30 minutes gets a short bucket
            // instead of an hour that never begins on the hour.
            case HOUR -> start(start.plusHours(1));
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
        };
        if (!next.toInstant().isAfter(start.toInstant())) {
            next = start.plus(1, this == MINUTE ? ChronoUnit.MINUTES : ChronoUnit.HOURS);
        }
        return next;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
