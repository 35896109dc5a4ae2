package io.promptsuite.prompt.events;

import java.time.Instant;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.security.ApiKeyVerifier;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.RevocationListener;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.EventsConfig;
import io.promptsuite.prompt.cache.ChangeBus;
import io.promptsuite.prompt.cache.EventId;
import io.promptsuite.prompt.cache.EventLog;
import io.promptsuite.prompt.cache.RedisLink;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Server-sent events of the caller's tenant: label moves, publishes, deletes and restores of the prompts the caller
 * may read, so clients drop their cache the moment {@code production} moves. Every event has an id from the tenant's
 * event log; send the last one back as {@code Last-Event-ID} to resume without loss (see docs/prompts.md for the
 * window). A comment every 15 s keeps proxies from closing a quiet stream. The stream ends with an {@code end} event
 * when the credential behind it expires or is revoked.
 */
@Path("/api/v1/prompt-events")
@Tag(name = "events")
public class PromptEventResource {

    @Inject
    ChangeBus bus;

    @Inject
    RedisLink link;

    @Inject
    EventLog log;

    @Inject
    StreamLimiter limiter;

    @Inject
    RevocationListener revocations;

    @Inject
    ApiKeyVerifier keys;

    @Inject
    Vertx vertx;

    @Inject
    EventsConfig config;

    @Inject
    CallerContext callers;

    @Inject
    ObjectMapper json;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Follow the tenant's prompt changes as server-sent events; resume with Last-Event-ID")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "429", description = "The tenant has as many open streams on this instance as it may (TOO_MANY_STREAMS)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")),
            headers = @Header(name = "Retry-After", description = "Seconds to wait before trying again", schema = @Schema(type = SchemaType.INTEGER)))
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @HeaderParam("Authorization") String authorization, @HeaderParam(ApiKeyVerifier.HEADER) String apiKey) {
        Caller caller = callers.caller();
        UUID tenantId = callers.tenant();
        EventId since = lastEventId == null || lastEventId.isBlank() ? null : EventId.parse(lastEventId);
        boolean viaKey = caller.via() == Caller.Via.API_KEY;
        Instant expires = viaKey ? null : TokenExpiry.of(authorization);
        StreamLimiter.Lease lease = limiter.acquire(tenantId);
        EventStream stream = new EventStream(new EventStream.Services(bus, link, log, revocations, keys, vertx, json, config), sse,
                caller, since, expires, viaKey ? apiKey.trim() : null, lease);
        return Multi.createFrom().<OutboundSseEvent> emitter(stream::start).onTermination().invoke(stream::stop);
    }
}
