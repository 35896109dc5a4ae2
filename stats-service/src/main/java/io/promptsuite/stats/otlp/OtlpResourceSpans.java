package io.promptsuite.stats.otlp;

import java.util.List;
import java.util.Map;

/** The spans of one OTLP resource (all its scopes flattened) with the resource's attributes. */
public record OtlpResourceSpans(Map<String, Object> resource, List<OtlpSpan> spans) {
}
