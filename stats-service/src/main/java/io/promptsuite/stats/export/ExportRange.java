package io.promptsuite.stats.export;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;

/** The half-open range [from, to) of an export: RFC 3339 timestamps with an offset, from before to, at most maxRange. */
public record ExportRange(Instant from, Instant to) {

    public static ExportRange parse(String from, String to, Duration maxRange) {
        List<FieldError> bad = new ArrayList<>();
        Instant f = instant("from", from, bad);
        Instant t = instant("to", to, bad);
        if (bad.isEmpty() && !f.isBefore(t)) {
            bad.add(new FieldError("to", "must be after from"));
        } else if (bad.isEmpty() && Duration.between(f, t).compareTo(maxRange) > 0) {
            bad.add(new FieldError("to", "the range may span at most " + maxRange.toDays() + " days"));
        }
        if (!bad.isEmpty()) {
            throw new ApiException(400, "VALIDATION_FAILED", "The request has invalid fields", Map.of("fields", bad));
        }
        return new ExportRange(f, t);
    }

    private static Instant instant(String name, String value, List<FieldError> bad) {
        if (value == null || value.isBlank()) {
            bad.add(new FieldError(name, "is required (an RFC 3339 timestamp such as 2026-01-31T00:00:00Z)"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            bad.add(new FieldError(name, "is not an RFC 3339 timestamp with an offset (such as 2026-01-31T00:00:00Z)"));
            return null;
        }
    }
}
