package io.promptsuite.stats.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A range cut into the coarsest UTC-aligned pieces the rollups hold: whole UTC days from {@code rollup_day}, whole hours
 * from {@code rollup_hour}, the minutes at the edges from {@code rollup_minute}. A 30-day range reads about 30 day rows
 * per dimension instead of 43,200 minute rows.
 */
final class Pieces {

    enum Table {
        DAY("rollup_day"), HOUR("rollup_hour"), MINUTE("rollup_minute");

        final String sql;

        Table(String sql) {
            this.sql = sql;
        }
    }

    record Piece(Table table, Instant from, Instant to) {
    }

    private Pieces() {
    }

    /** {@code [from, to)}, both on a minute, cut into pieces; empty pieces are left out. */
    static List<Piece> of(Instant from, Instant to) {
        List<Piece> pieces = new ArrayList<>();
        Instant hourFrom = ceil(from, ChronoUnit.HOURS);
        Instant hourTo = to.truncatedTo(ChronoUnit.HOURS);
        if (!hourFrom.isBefore(hourTo)) {
            add(pieces, Table.MINUTE, from, to);
            return pieces;
        }
        add(pieces, Table.MINUTE, from, hourFrom);
        Instant dayFrom = ceil(hourFrom, ChronoUnit.DAYS);
        Instant dayTo = hourTo.truncatedTo(ChronoUnit.DAYS);
        if (!dayFrom.isBefore(dayTo)) {
            add(pieces, Table.HOUR, hourFrom, hourTo);
        } else {
            add(pieces, Table.HOUR, hourFrom, dayFrom);
            add(pieces, Table.DAY, dayFrom, dayTo);
            add(pieces, Table.HOUR, dayTo, hourTo);
        }
        add(pieces, Table.MINUTE, hourTo, to);
        return pieces;
    }

    private static void add(List<Piece> pieces, Table table, Instant from, Instant to) {
        if (from.isBefore(to)) {
            pieces.add(new Piece(table, from, to));
        }
    }

    private static Instant ceil(Instant t, ChronoUnit unit) {
        Instant floor = t.truncatedTo(unit);
        return floor.equals(t) ? t : floor.plus(1, unit);
    }
}
