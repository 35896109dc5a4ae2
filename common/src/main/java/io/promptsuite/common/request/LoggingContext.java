package io.promptsuite.common.request;

import io.promptsuite.common.tracing.SpanAttributes;
import io.smallrye.common.vertx.VertxContext;
import org.jboss.logging.MDC;

/**
 * The logging context of one request: {@code requestId}, {@code tenantId}, {@code userId}. Quarkus keeps MDC values
 * on the request's Vert.x (duplicated) context; on a thread without one they would land in a thread-local of a pooled
 * thread and follow its next, unrelated request. So values are only set inside a request's context, and every request
 * clears all of them when it ends ({@link RequestIdFilter}).
 */
public final class LoggingContext {

    public static final String REQUEST_ID = "requestId";
    public static final String TENANT_ID = "tenantId";
    public static final String USER_ID = "userId";

    private LoggingContext() {
    }

    /** Names the caller in the current request's log lines. */
    public static void caller(String tenantId, String userId) {
        SpanAttributes.caller(tenantId, userId);
        if (!VertxContext.isOnDuplicatedContext()) {
            return;
        }
        if (tenantId != null) {
            MDC.put(TENANT_ID, tenantId);
        }
        if (userId != null) {
            MDC.put(USER_ID, userId);
        }
    }

    public static void clear() {
        MDC.remove(REQUEST_ID);
        MDC.remove(TENANT_ID);
        MDC.remove(USER_ID);
    }
}
