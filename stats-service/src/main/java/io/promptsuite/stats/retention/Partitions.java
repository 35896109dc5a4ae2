package io.promptsuite.stats.retention;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The names and bounds of the daily partitions of {@code events}: one UTC day each, {@code events_pYYYYMMDD}. */
public final class Partitions {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String PREFIX = "events_p";

    private Partitions() {
    }

    public static String name(LocalDate day) {
        return PREFIX + DAY.format(day);
    }

    /** The day a partition name stands for; empty for any other table. */
    public static Optional<LocalDate> day(String table) {
        if (!table.startsWith(PREFIX) || table.length() != PREFIX.length() + 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(table.substring(PREFIX.length()), DAY));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The DDL creating the day's partition; the bounds carry their offset so the session's time zone can't shift them. */
    public static String createSql(LocalDate day) {
        return "CREATE TABLE IF NOT EXISTS " + name(day) + " PARTITION OF events FOR VALUES FROM ('"
                + day.atStartOfDay().atOffset(ZoneOffset.UTC) + "') TO ('"
                + day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC) + "')";
    }
}
