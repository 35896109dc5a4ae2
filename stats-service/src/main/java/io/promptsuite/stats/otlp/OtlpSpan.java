package io.promptsuite.stats.otlp;

import java.util.Map;

/**
 * One span as both OTLP encodings carry it, reduced to what the GenAI mapping reads. Attribute values are String,
 * Long, Double or Boolean; arrays and maps are dropped, as no GenAI attribute we read is one.
 *
 * @param traceId 16 bytes (or whatever length the client sent: the mapping refuses other lengths)
 * @param spanId  8 bytes (likewise)
 */
public record OtlpSpan(byte[] traceId, byte[] spanId, String name, long startNanos, long endNanos, boolean statusError,
        Map<String, Object> attributes) {
}
