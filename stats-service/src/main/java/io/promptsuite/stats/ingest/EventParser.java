package io.promptsuite.stats.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.promptsuite.common.error.FieldError;
import io.promptsuite.stats.ExecutionEvent;

/**
 * One event of a batch from its JSON tree: every field checked for presence and type and named by its index, so a
 * batch with many bad events is answered with all of them at once. Bad fields get harmless stand-ins so the rest of
 * the event can still be checked by {@link EventRules}.
 */
final class EventParser {

    static final Set<String> FIELDS = Set.of("event_id", "tenant_id", "prompt", "version", "label", "model", "provider",
            "status", "error_code", "latency_ms", "time_to_first_token_ms", "input_tokens", "cached_input_tokens",
            "cache_write_tokens", "output_tokens", "reasoning_tokens", "cost", "started_at", "user_id", "metadata");

    /** The canonical 8-4-4-4-12 form: {@link UUID#fromString} also takes shorter groups. */
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** What one element of {@code events} gave: the event (with stand-ins where fields were bad) and the problems. */
    record Parsed(ExecutionEvent event, UUID namedTenant, List<FieldError> problems) {
    }

    private final int index;
    private final JsonNode node;
    private final List<FieldError> problems = new ArrayList<>();

    private EventParser(int index, JsonNode node) {
        this.index = index;
        this.node = node;
    }

    /**
     * @param tenant the caller's tenant, or null for a service caller: each event then names its own
     */
    static Parsed parse(int index, JsonNode node, UUID tenant) {
        return new EventParser(index, node).parse(tenant);
    }

    private Parsed parse(UUID tenant) {
        if (!node.isObject()) {
            problems.add(new FieldError("events[" + index + "]", "must be an object"));
            return new Parsed(null, null, problems);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new FieldError(at(name), "unknown field"));
            }
        }
        UUID named = uuid("tenant_id", false);
        if (tenant == null && named == null && !present("tenant_id")) {
            problems.add(new FieldError(at("tenant_id"), "is required for a service caller"));
        }
        UUID eventId = uuid("event_id", true);
        String status = text("status", true);
        if (status != null && !status.equals("success") && !status.equals("error")) {
            problems.add(new FieldError(at("status"), "must be success or error"));
        }
        String label = text("label", false);
        String metadata = metadata();
        ExecutionEvent event = new ExecutionEvent(eventId, tenant != null ? tenant : named, text("prompt", true),
                (int) whole("version", true, Integer.MAX_VALUE, 1), label == null ? "" : label, text("model", true),
                text("provider", true), "error".equals(status), text("error_code", false),
                (int) whole("latency_ms", true, Integer.MAX_VALUE, 0), wholeOrNull("time_to_first_token_ms"),
                whole("input_tokens", true, Long.MAX_VALUE, 0), whole("cached_input_tokens", false, Long.MAX_VALUE, 0),
                whole("cache_write_tokens", false, Long.MAX_VALUE, 0), whole("output_tokens", true, Long.MAX_VALUE, 0),
                whole("reasoning_tokens", false, Long.MAX_VALUE, 0), decimal("cost"), instant("started_at"),
                text("user_id", false), metadata);
        return new Parsed(event, named, problems);
    }

    private String at(String field) {
        return "events[" + index + "]." + field;
    }

    private boolean present(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private String text(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new FieldError(at(field), "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new FieldError(at(field), "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private UUID uuid(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            problems.add(new FieldError(at(field), "must be a UUID"));
            return null;
        }
        return UUID.fromString(text);
    }

    /** A whole number up to {@code max}; {@code standIn} when absent or bad. */
    private long whole(String field, boolean required, long max, long standIn) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new FieldError(at(field), "is required"));
            }
            return standIn;
        }
        if (!value.isIntegralNumber()) {
            problems.add(new FieldError(at(field), "must be a whole number"));
            return standIn;
        }
        if (!value.canConvertToLong() || value.longValue() > max || value.longValue() < -max) {
            problems.add(new FieldError(at(field), "is out of range"));
            return standIn;
        }
        return value.longValue();
    }

    private Integer wholeOrNull(String field) {
        return present(field) ? (int) whole(field, false, Integer.MAX_VALUE, 0) : null;
    }

    private BigDecimal decimal(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // 1e400 reads as an infinite double, which has no decimal value.
        if (!value.isNumber() || (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue()))) {
            problems.add(new FieldError(at(field), "must be a number (USD)"));
            return null;
        }
        BigDecimal cost = value.decimalValue();
        if (cost.abs().compareTo(EventRules.MAX_COST) > 0) {
            problems.add(new FieldError(at(field), "must be between 0 and " + EventRules.MAX_COST + " USD"));
            return null;
        }
        return cost.setScale(12, java.math.RoundingMode.HALF_UP);
    }

    private Instant instant(String field) {
        String text = text(field, true);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldError(at(field), "must be an RFC 3339 timestamp with an offset, e.g. 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private String metadata() {
        JsonNode value = node.get("metadata");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problems.add(new FieldError(at("metadata"), "must be a JSON object"));
            return null;
        }
        String text = value.toString();
        if (text.contains("\\u0000")) {
            problems.add(new FieldError(at("metadata"), "must not hold a NUL character"));
            return null;
        }
        return text;
    }
}
