package io.promptsuite.prompt.execution;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which events of a batch stats-service refused, read from its error envelope: {@code details.event_indexes}, or the
 * indexes in {@code details.fields[].field} ({@code events[3].latency_ms}). Each index maps to why, for last_error.
 * Empty when the answer names no event (then the batch itself, not an event, was the problem).
 */
final class Refusal {

    private static final Pattern INDEX = Pattern.compile("^events\\[(\\d+)]");

    private Refusal() {
    }

    static Map<Integer, String> indexes(ObjectMapper json, String body, int batchSize) {
        Map<Integer, String> out = new TreeMap<>();
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return out;
        }
        if (root == null || !root.isObject()) {
            return out;
        }
        String code = root.path("code").asText("REFUSED");
        JsonNode details = root.path("details");
        for (JsonNode field : details.path("fields")) {
            Matcher m = INDEX.matcher(field.path("field").asText(""));
            if (m.find()) {
                int index = parse(m.group(1));
                if (index >= 0 && index < batchSize) {
                    out.merge(index, code + ": " + field.path("field").asText() + " " + field.path("message").asText(""),
                            (a, b) -> a + "; " + b);
                }
            }
        }
        for (JsonNode index : details.path("event_indexes")) {
            if (index.canConvertToInt() && index.asInt() >= 0 && index.asInt() < batchSize) {
                out.putIfAbsent(index.asInt(), code + ": " + root.path("message").asText(""));
            }
        }
        return out;
    }

    /** A short description of a refusal that names no event, for a dead letter's last_error. */
    static String summary(ObjectMapper json, int status, String body) {
        try {
            JsonNode root = json.readTree(body);
            if (root != null && root.isObject()) {
                return status + " " + root.path("code").asText("") + ": " + root.path("message").asText("");
            }
        } catch (Exception e) {
            // not JSON: the status alone
        }
        return String.valueOf(status);
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
