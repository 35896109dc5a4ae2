package io.promptsuite.stats.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Reads the query string of a stats request: every value as text, checked here, so a bad one is a 400 naming its
 * field (JAX-RS's own conversion would answer 404 for a number too large for an int). All problems are reported at
 * once.
 */
final class QueryParams {

    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final int MAX_TEXT = 512;
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final MultivaluedMap<String, String> query;
    private final List<FieldError> problems = new ArrayList<>();

    QueryParams(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The value of {@code name}, or null when absent; a second value is a problem. */
    String text(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            problem(name, "give it once");
            return null;
        }
        String v = values.get(0);
        if (v.length() > MAX_TEXT || v.indexOf('\0') >= 0) {
            problem(name, "must be at most " + MAX_TEXT + " characters, without NUL");
            return null;
        }
        return v;
    }

    /** A value that must not be empty when given. */
    String nonEmpty(String name) {
        String v = text(name);
        if (v != null && v.isEmpty()) {
            problem(name, "must not be empty");
            return null;
        }
        return v;
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback, Set<E> allowed) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        for (E e : allowed) {
            if (e.name().toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        problem(name, "must be one of " + allowed.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).sorted().toList());
        return fallback;
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
    Integer integer(String name, int min, int max, Integer fallback) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        if (!v.matches("[+-]?[0-9]{1,30}")) {
            problem(name, "must be a whole number");
            return fallback;
        }
        String digits = v.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        boolean negative = v.startsWith("-") && !digits.equals("0");
        // Compared by length first: no number of any size can overflow the check itself.
        long value = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (negative) {
            value = -value;
        }
        if (value < min || value > max) {
            problem(name, "must be between " + min + " and " + max);
            return fallback;
        }
        return (int) value;
    }

    /** An RFC 3339 instant (an offset or Z is required), or null when absent. */
    Instant instant(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        // A '+' sent unencoded in a query string arrives as a space: take "…T10:00:00 01:00" as the +01:00 it was.
        String t = v.matches(".*[Tt]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)? \\d{2}:\\d{2}") ? v.substring(0, v.length() - 6) + "+"
                + v.substring(v.length() - 5) : v;
        try {
            Instant i = OffsetDateTime.parse(t.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (i.isBefore(EARLIEST) || i.isAfter(LATEST)) {
                problem(name, "must lie between 1970 and 9999");
                return null;
            }
            return i;
        } catch (DateTimeException e) {
            problem(name, "must be an RFC 3339 date-time with an offset, e.g. 2026-03-29T00:00:00+01:00");
            return null;
        }
    }

    /** An IANA time-zone name; UTC when absent. */
    ZoneId zone(String name) {
        String v = text(name);
        if (v == null) {
            return ZoneId.of("UTC");
        }
        if (!ZONES.contains(v)) {
            problem(name, "must be an IANA time-zone name, e.g. Europe/Berlin");
            return ZoneId.of("UTC");
        }
        return ZoneId.of(v);
    }

    UUID uuid(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            UUID u = UUID.fromString(v);
            if (!u.toString().equalsIgnoreCase(v)) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            problem(name, "must be a tenant id or *");
            return null;
        }
    }

    void problem(String field, String message) {
        problems.add(new FieldError(field, message));
    }

    boolean ok() {
        return problems.isEmpty();
    }

    /** Throws the 400 listing every problem found so far, if any. */
    void check() {
        if (!problems.isEmpty()) {
            throw new ApiException(400, "VALIDATION_FAILED", "The request has invalid fields", Map.of("fields", List.copyOf(problems)));
        }
    }
}
