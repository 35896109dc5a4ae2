package io.promptsuite.stats.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;

/** The one 400 a batch with bad events gets: every bad field, and the indexes of the bad events, both capped. */
public final class BatchRejected {

    /** Bad events listed; a batch of 1,000 bad events would otherwise answer a body larger than it sent. */
    public static final int MAX_INDEXES = 100;
    public static final int MAX_FIELDS = 500;

    private BatchRejected() {
    }

    public static ApiException of(List<FieldError> problems) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (FieldError problem : problems) {
            Integer index = indexOf(problem.field());
            if (index != null) {
                indexes.add(index);
            }
        }
        List<Integer> shown = new ArrayList<>(indexes).subList(0, Math.min(indexes.size(), MAX_INDEXES));
        List<FieldError> fields = problems.stream()
                .filter(p -> indexOf(p.field()) == null || indexOf(p.field()) <= shown.get(shown.size() - 1))
                .limit(MAX_FIELDS)
                .toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fields", fields);
        details.put("event_indexes", List.copyOf(shown));
        details.put("bad_events", indexes.size());
        return new ApiException(400, "VALIDATION_FAILED",
                indexes.size() + " event(s) of the batch are invalid; nothing was stored", details);
    }

    /** The index of {@code events[3].latency_ms}; null for a field outside the events. */
    static Integer indexOf(String field) {
        if (!field.startsWith("events[")) {
            return null;
        }
        int end = field.indexOf(']');
        try {
            return Integer.parseInt(field.substring(7, end));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
