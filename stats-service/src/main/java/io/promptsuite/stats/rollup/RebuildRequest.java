package io.promptsuite.stats.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;

/** The checked parameters of a rebuild: a bounded range and the tenant the caller may rebuild. */
record RebuildRequest(UUID tenant, Instant from, Instant to) {

    /** How far ahead of now a range may reach: clocks differ, and today's buckets end at the next midnight. */
    static final Duration FUTURE_ALLOWANCE = Duration.ofDays(1);

    /**
     * Every bad parameter in one 400. A platform admin rebuilds the tenant it names, or every tenant; a tenant admin
     * only its own, and naming another tenant is a 403.
     */
    static RebuildRequest of(Caller caller, String from, String to, String tenantId, Duration maxRange, Instant now) {
        List<FieldError> bad = new ArrayList<>();
        Instant start = instant("from", from, bad);
        Instant end = instant("to", to, bad);
        UUID named = null;
        if (tenantId != null) {
            try {
                named = UUID.fromString(tenantId);
            } catch (IllegalArgumentException e) {
                bad.add(new FieldError("tenant_id", "must be a tenant id (a UUID)"));
            }
        }
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                bad.add(new FieldError("to", "must be after from"));
            } else if (Duration.between(start, end).compareTo(maxRange) > 0) {
                bad.add(new FieldError("to", "the range may span at most " + maxRange.toDays() + " days"));
            }
            if (end.isAfter(now.plus(FUTURE_ALLOWANCE))) {
                bad.add(new FieldError("to", "may lie at most one day in the future"));
            }
        }
        if (!bad.isEmpty()) {
            throw new ApiException(400, "VALIDATION_FAILED", "The request has invalid fields", Map.of("fields", bad));
        }
        return new RebuildRequest(tenantFor(caller, named), start, end);
    }

    private static UUID tenantFor(Caller caller, UUID named) {
        if (caller.has(Roles.PLATFORM_ADMIN)) {
            return named;
        }
        if (!caller.has(Roles.ADMIN)) {
            throw ApiException.forbidden("Rebuilding rollups needs the admin role");
        }
        UUID own = caller.tenant();
        if (named != null && !named.equals(own)) {
            throw ApiException.forbidden("A tenant admin rebuilds only its own tenant");
        }
        return own;
    }

    private static Instant instant(String field, String value, List<FieldError> bad) {
        if (value == null || value.isBlank()) {
            bad.add(new FieldError(field, "is required (RFC 3339, e.g. 2026-01-31T00:00:00Z)"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            bad.add(new FieldError(field, "must be an RFC 3339 timestamp with an offset, e.g. 2026-01-31T00:00:00Z"));
            return null;
        }
    }
}
