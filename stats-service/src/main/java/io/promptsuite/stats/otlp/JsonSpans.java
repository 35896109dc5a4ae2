package io.promptsuite.stats.otlp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * OTLP/JSON into the neutral span shape. OTLP/JSON is protobuf's JSON mapping with OTLP's own twists: lowerCamelCase
 * names, trace and span ids as hex (not base64), 64-bit integers as strings or numbers, enums as integers. It is read
 * with a mapper of its own: the service's global one speaks snake_case and refuses unknown fields, and OTLP clients
 * send fields we don't read (events, links, flags, schemaUrl) all the time.
 */
public final class JsonSpans {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build())
            .build();

    private JsonSpans() {
    }

    /** @throws MalformedOtlp when the bytes are not OTLP/JSON (with where it went wrong) */
    public static List<OtlpResourceSpans> parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedOtlp("The body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedOtlp("The body is not an ExportTraceServiceRequest object");
        }
        List<OtlpResourceSpans> out = new ArrayList<>();
        JsonNode resourceSpans = array(root, "resourceSpans", "resourceSpans");
        for (int r = 0; r < resourceSpans.size(); r++) {
            String at = "resourceSpans[" + r + "]";
            JsonNode rs = object(resourceSpans.get(r), at);
            JsonNode resource = rs.path("resource");
            Map<String, Object> resourceAttributes = resource.isMissingNode() || resource.isNull()
                    ? Map.of() : attributes(object(resource, at + ".resource"), at + ".resource");
            List<OtlpSpan> spans = new ArrayList<>();
            JsonNode scopes = array(rs, "scopeSpans", at + ".scopeSpans");
            for (int s = 0; s < scopes.size(); s++) {
                String scopeAt = at + ".scopeSpans[" + s + "]";
                JsonNode list = array(object(scopes.get(s), scopeAt), "spans", scopeAt + ".spans");
                for (int i = 0; i < list.size(); i++) {
                    spans.add(span(object(list.get(i), scopeAt + ".spans[" + i + "]"), scopeAt + ".spans[" + i + "]"));
                }
            }
            out.add(new OtlpResourceSpans(resourceAttributes, spans));
        }
        return out;
    }

    private static OtlpSpan span(JsonNode s, String at) {
        JsonNode status = s.path("status");
        boolean error = false;
        if (status.isObject()) {
            JsonNode code = status.path("code");
            error = code.isIntegralNumber() ? code.asInt() == 2 : "STATUS_CODE_ERROR".equals(code.asText());
        }
        return new OtlpSpan(hex(s, "traceId", at), hex(s, "spanId", at), s.path("name").asText(""),
                nanos(s, "startTimeUnixNano", at), nanos(s, "endTimeUnixNano", at), error, attributes(s, at));
    }

    private static Map<String, Object> attributes(JsonNode holder, String at) {
        JsonNode list = array(holder, "attributes", at + ".attributes");
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode kv = object(list.get(i), at + ".attributes[" + i + "]");
            Object value = scalar(kv.path("value"), at + ".attributes[" + i + "].value");
            if (value != null && kv.path("key").isTextual()) {
                map.put(kv.get("key").asText(), value);
            }
        }
        return map;
    }

    private static Object scalar(JsonNode v, String at) {
        if (!v.isObject()) {
            return null;
        }
        if (v.has("stringValue")) {
            return v.get("stringValue").asText();
        }
        if (v.has("intValue")) {
            JsonNode n = v.get("intValue");
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return n.asLong();
            }
            if (n.isTextual()) {
                try {
                    return Long.parseLong(n.asText());
                } catch (NumberFormatException e) {
                    throw new MalformedOtlp(at + ".intValue is not a 64-bit integer");
                }
            }
            throw new MalformedOtlp(at + ".intValue is not a 64-bit integer");
        }
        if (v.has("doubleValue")) {
            JsonNode n = v.get("doubleValue");
            if (n.isNumber()) {
                return n.asDouble();
            }
            throw new MalformedOtlp(at + ".doubleValue is not a number");
        }
        if (v.has("boolValue")) {
            return v.get("boolValue").asBoolean();
        }
        return null;
    }

    private static long nanos(JsonNode s, String field, String at) {
        JsonNode n = s.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return 0;
        }
        try {
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return n.asLong();
            }
            if (n.isTextual()) {
                return Long.parseUnsignedLong(n.asText());
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new MalformedOtlp(at + "." + field + " is not a time in nanoseconds since the epoch");
    }

    private static byte[] hex(JsonNode s, String field, String at) {
        JsonNode n = s.path(field);
        if (n.isMissingNode() || n.isNull() || n.asText().isEmpty()) {
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(n.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedOtlp(at + "." + field + " is not hexadecimal");
        }
    }

    private static JsonNode array(JsonNode holder, String field, String at) {
        JsonNode n = holder.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return MAPPER.createArrayNode();
        }
        if (!n.isArray()) {
            throw new MalformedOtlp(at + " is not an array");
        }
        return n;
    }

    private static JsonNode object(JsonNode n, String at) {
        if (n == null || !n.isObject()) {
            throw new MalformedOtlp(at + " is not an object");
        }
        return n;
    }
}
