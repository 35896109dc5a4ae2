package io.promptsuite.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/** What the suite adds to a request's server span, so a trace can be found by request id or tenant. */
public final class SpanAttributes {

    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("suite.request_id");
    public static final AttributeKey<String> TENANT_ID = AttributeKey.stringKey("suite.tenant_id");
    public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("enduser.id");

    private SpanAttributes() {
    }

    public static void requestId(String id) {
        set(REQUEST_ID, id);
    }

    public static void caller(String tenantId, String userId) {
        set(TENANT_ID, tenantId);
        set(USER_ID, userId);
    }

    private static void set(AttributeKey<String> key, String value) {
        Span span = Span.current();
        // Without tracing (no endpoint configured) the current span is the invalid no-op one.
        if (value != null && span.getSpanContext().isValid()) {
            span.setAttribute(key, value);
        }
    }
}
