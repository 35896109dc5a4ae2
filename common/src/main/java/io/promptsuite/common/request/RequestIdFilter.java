package io.promptsuite.common.request;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id (the caller's {@code X-Request-ID} when sane), echoes it on the response and puts it
 * in the logging context. Runs as a Vert.x filter so even responses that never reach a resource carry it.
 */
@ApplicationScoped
public class RequestIdFilter {

    void register(@Observes Filters filters) {
        filters.register(this::handle, 1000);
    }

    private void handle(RoutingContext rc) {
        String id = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
        rc.put(RequestIds.KEY, id);
        rc.response().putHeader(RequestIds.HEADER, id);
        MDC.put("requestId", id);
        rc.addEndHandler(done -> MDC.remove("requestId"));
        rc.next();
    }
}
