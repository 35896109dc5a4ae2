package io.promptsuite.common.request;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.promptsuite.common.tracing.SpanAttributes;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id (the caller's {@code X-Request-ID} when sane), echoes it on the response and puts it
 * in the logging context, which it clears (request, tenant and user) when the request ends. Runs as a Vert.x filter so even responses that never reach a resource carry it.
 */
@ApplicationScoped
public class RequestIdFilter {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void register(@Observes Filters filters) {
        filters.register(this::handle, 1000);
    }

    private void handle(RoutingContext rc) {
        String id = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
        rc.put(RequestIds.KEY, id);
        rc.response().putHeader(RequestIds.HEADER, id);
        if (declaresOversizeBody(rc)) {
            // Vert.x would refuse it too, but with an empty body; give the refusal the common shape.
            JsonObject body = new JsonObject().put("code", "PAYLOAD_TOO_LARGE")
                    .put("message", "The request body is larger than " + maxBodySize.asLongValue() + " bytes")
                    .put("details", new JsonObject()).put("request_id", id);
            rc.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close").end(body.encode());
            return;
        }
        MDC.put(LoggingContext.REQUEST_ID, id);
        SpanAttributes.requestId(id);
        // The whole logging context ends with the request, whoever set what in it.
        rc.addEndHandler(done -> LoggingContext.clear());
        rc.next();
    }

    private boolean declaresOversizeBody(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
