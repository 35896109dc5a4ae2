package io.promptsuite.stats.otlp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.promptsuite.stats.ExecutionEvent;

/**
 * A span with the OpenTelemetry GenAI semantic conventions into an execution event. A span is a GenAI span when it
 * carries any {@code gen_ai.*} attribute; any other span (HTTP, database, an agent's workflow span) is none of our
 * business and is ignored. A GenAI span that lacks what an event must have (prompt name, model, provider, valid ids
 * and times) is rejected, and the client hears why.
 */
public final class GenAiMapping {

    /** The version of a span that names its prompt but not the version (OpenLLMetry without its prompt registry). */
    public static final int UNVERSIONED = 0;

    private static final int MAX_SPAN_NAME = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenAiMapping() {
    }

    /**
     * The event id of a span: {@code UUID.nameUUIDFromBytes(traceId ‖ spanId)}, the MD5-based (version 3) UUID of the
     * 16 trace-id bytes followed by the 8 span-id bytes. A client that reports the same execution through the batch
     * API with this id has it counted once.
     */
    public static UUID eventId(byte[] traceId, byte[] spanId) {
        return UUID.nameUUIDFromBytes(ByteBuffer.allocate(24).put(traceId).put(spanId).array());
    }

    public static SpanOutcome map(OtlpSpan span, UUID tenant) {
        Map<String, Object> a = span.attributes();
        if (a.keySet().stream().noneMatch(k -> k.startsWith("gen_ai."))) {
            return SpanOutcome.IGNORED;
        }
        if (span.traceId().length != 16 || span.spanId().length != 8 || allZero(span.traceId()) || allZero(span.spanId())) {
            return new SpanOutcome.Rejected("a span needs a 16-byte trace id and an 8-byte span id, not all zero");
        }
        try {
            return new SpanOutcome.Mapped(event(span, a, tenant));
        } catch (Refused r) {
            return new SpanOutcome.Rejected(r.getMessage());
        }
    }

    private static ExecutionEvent event(OtlpSpan span, Map<String, Object> a, UUID tenant) {
        String prompt = text(a, "suite.prompt.name", "traceloop.prompt.key", "gen_ai.prompt.name");
        if (prompt == null) {
            throw new Refused("no prompt name (suite.prompt.name, traceloop.prompt.key or gen_ai.prompt.name)");
        }
        String model = text(a, "gen_ai.response.model", "gen_ai.request.model");
        if (model == null) {
            throw new Refused("no model (gen_ai.response.model or gen_ai.request.model)");
        }
        String provider = text(a, "gen_ai.provider.name", "gen_ai.system");
        if (provider == null) {
            throw new Refused("no provider (gen_ai.provider.name or gen_ai.system)");
        }
        if (span.startNanos() <= 0 || span.endNanos() < span.startNanos()) {
            throw new Refused("a span needs a start time and an end time not before it");
        }
        long latency = (span.endNanos() - span.startNanos()) / 1_000_000L;
        if (latency > Integer.MAX_VALUE) {
            throw new Refused("the span lasts longer than an execution can");
        }
        Long version = number(a, "suite.prompt.version", "traceloop.prompt.version");
        if (version != null && (version < 0 || version > Integer.MAX_VALUE)) {
            throw new Refused("the prompt version is not a version number");
        }
        String errorType = text(a, "error.type");
        String label = text(a, "suite.prompt.label");
        String user = text(a, "enduser.id", "user.id");
        long input = tokens(a, "gen_ai.usage.input_tokens");
        long output = tokens(a, "gen_ai.usage.output_tokens");
        return new ExecutionEvent(eventId(span.traceId(), span.spanId()), tenant, prompt,
                version == null ? UNVERSIONED : version.intValue(), label == null ? "" : label, model, provider,
                span.statusError() || errorType != null, errorType, (int) latency, null, input,
                tokens(a, "gen_ai.usage.cache_read.input_tokens"), tokens(a, "gen_ai.usage.cache_creation.input_tokens"),
                output, tokens(a, "gen_ai.usage.reasoning.output_tokens"), null,
                Instant.EPOCH.plusNanos(span.startNanos()).truncatedTo(ChronoUnit.MICROS), user, metadata(span));
    }

    /** Where the event came from, so an export row leads back to the trace. */
    private static String metadata(OtlpSpan span) {
        ObjectNode otlp = JSON.createObjectNode();
        otlp.put("trace_id", HexFormat.of().formatHex(span.traceId()));
        otlp.put("span_id", HexFormat.of().formatHex(span.spanId()));
        String name = span.name();
        if (name != null && !name.isEmpty()) {
            otlp.put("span_name", name.length() > MAX_SPAN_NAME ? name.substring(0, MAX_SPAN_NAME) : name);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("otlp", otlp);
        return root.toString();
    }

    private static String text(Map<String, Object> a, String... keys) {
        for (String key : keys) {
            Object v = a.get(key);
            if (v instanceof String s && !s.isBlank()) {
                return s;
            }
            if (v instanceof Long || v instanceof Boolean) {
                return v.toString();
            }
        }
        return null;
    }

    private static long tokens(Map<String, Object> a, String key) {
        Long n = number(a, key);
        return n == null ? 0 : n;
    }

    /** An integer attribute; SDKs send integers as ints, as whole doubles or (some) as strings. */
    private static Long number(Map<String, Object> a, String... keys) {
        for (String key : keys) {
            Object v = a.get(key);
            if (v == null) {
                continue;
            }
            if (v instanceof Long l) {
                return l;
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return d.longValue();
            }
            if (v instanceof String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    // refused below
                }
            }
            throw new Refused(key + " is not an integer");
        }
        return null;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
