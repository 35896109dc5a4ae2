package io.promptsuite.stats.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.query.Pieces.Piece;
import io.promptsuite.stats.query.Pieces.Table;

/** The pure arithmetic of a query: pieces, precision, buckets and the plan that joins them. */
class QueryPlanTest {

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void aRangeIsCutIntoMinutesHoursAndWholeDays() {
        assertEquals(List.of(
                new Piece(Table.MINUTE, t("2026-03-01T22:30:00Z"), t("2026-03-01T23:00:00Z")),
                new Piece(Table.HOUR, t("2026-03-01T23:00:00Z"), t("2026-03-02T00:00:00Z")),
                new Piece(Table.DAY, t("2026-03-02T00:00:00Z"), t("2026-03-04T00:00:00Z")),
                new Piece(Table.HOUR, t("2026-03-04T00:00:00Z"), t("2026-03-04T01:00:00Z")),
                new Piece(Table.MINUTE, t("2026-03-04T01:00:00Z"), t("2026-03-04T01:15:00Z"))),
                Pieces.of(t("2026-03-01T22:30:00Z"), t("2026-03-04T01:15:00Z")));
        assertEquals(List.of(new Piece(Table.MINUTE, t("2026-03-01T10:05:00Z"), t("2026-03-01T10:59:00Z"))),
                Pieces.of(t("2026-03-01T10:05:00Z"), t("2026-03-01T10:59:00Z")));
        assertEquals(List.of(new Piece(Table.HOUR, t("2026-03-01T10:00:00Z"), t("2026-03-01T20:00:00Z"))),
                Pieces.of(t("2026-03-01T10:00:00Z"), t("2026-03-01T20:00:00Z")));
        assertEquals(List.of(new Piece(Table.DAY, t("2026-03-01T00:00:00Z"), t("2026-03-31T00:00:00Z"))),
                Pieces.of(t("2026-03-01T00:00:00Z"), t("2026-03-31T00:00:00Z")));
    }

    @Test
    void boundariesMoveToTheirMinuteAndOlderOnesToTheirHour() {
        Precision p = Precision.at(t("2026-12-04T20:00:00Z"), 14);
        assertEquals(t("2026-11-21T00:00:00Z"), p.minuteCutoff());
        assertEquals(t("2026-12-01T10:05:00Z"), p.down(t("2026-12-01T10:05:59Z")));
        assertEquals(t("2026-12-01T10:06:00Z"), p.up(t("2026-12-01T10:05:01Z")));
        assertEquals(t("2026-12-01T10:05:00Z"), p.up(t("2026-12-01T10:05:00Z")));
        assertEquals(t("2026-11-01T10:00:00Z"), p.down(t("2026-11-01T10:30:00Z")));
        assertEquals(t("2026-11-01T11:00:00Z"), p.up(t("2026-11-01T10:30:00Z")));
        assertEquals(t("2026-11-01T10:00:00Z"), Precision.hours().down(t("2026-11-01T10:59:00Z")));
    }

    @Test
    void bucketsFollowTheZoneAcrossDaylightSavingChanges() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        var days = Buckets.of(t("2026-10-24T22:00:00Z"), t("2026-10-25T23:00:00Z"), berlin, Interval.DAY, 10);
        assertEquals(1, days.size());
        assertEquals(Duration.ofHours(25), Duration.between(days.get(0).start(), days.get(0).end()));
        var spring = Buckets.of(t("2026-03-28T23:00:00Z"), t("2026-03-29T22:00:00Z"), berlin, Interval.HOUR, 100);
        assertEquals(23, spring.size());
        // Lord Howe moves its clocks by 30 minutes: buckets still advance and tile the range.
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        var odd = Buckets.of(t("2026-10-03T12:00:00Z"), t("2026-10-04T12:00:00Z"), lordHowe, Interval.HOUR, 100);
        for (int i = 1; i < odd.size(); i++) {
            assertEquals(odd.get(i - 1).end(), odd.get(i).start());
            assertTrue(odd.get(i).start().isBefore(odd.get(i).end()));
        }
        assertThrows(Buckets.TooMany.class,
                () -> Buckets.of(t("2026-01-01T00:00:00Z"), t("2026-12-31T00:00:00Z"), berlin, Interval.MINUTE, 10_000));
    }

    @Test
    void bucketsOfAPlanShareTheirBoundariesEvenWhenMovedToHours() throws Exception {
        Precision p = Precision.at(t("2026-12-04T20:00:00Z"), 14);
        // Kolkata hours begin at half past UTC; months ago only whole UTC hours can be read, so each moves back 30 min.
        Plan plan = Plan.bucketed(t("2026-06-01T00:10:00Z"), t("2026-06-01T06:00:00Z"), ZoneId.of("Asia/Kolkata"),
                Interval.HOUR, 100, p);
        List<Plan.Range> r = plan.ranges();
        assertEquals(t("2026-06-01T00:00:00Z"), r.get(0).from());
        for (int i = 1; i < r.size(); i++) {
            assertEquals(r.get(i - 1).to(), r.get(i).from());
        }
        assertEquals(t("2026-06-01T06:00:00Z"), r.get(r.size() - 1).to());
        assertEquals("2026-06-01T05:00+05:30", plan.labels().get(0).toOffsetDateTime().toString());
    }
}
