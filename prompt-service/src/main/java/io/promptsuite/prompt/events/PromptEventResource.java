package io.promptsuite.prompt.events;

import java.time.Duration;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Server-sent events of the caller's tenant: label moves, publishes, deletes and restores, so clients drop their
 * cache the moment {@code production} moves. A comment every 15 s keeps proxies from closing a quiet stream.
 */
@Path("/api/v1/prompt-events")
@Tag(name = "events")
public class PromptEventResource {

    @Inject
    ChangeBus bus;

    @Inject
    CallerContext callers;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.VIEWER)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        UUID tenantId = UUID.fromString(callers.tenantId());
        Multi<OutboundSseEvent> changes = bus.changes(tenantId).map(change -> sse.newEventBuilder()
                .name(change.type())
                .id(change.at().toEpochMilli() + "-" + change.name().hashCode())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(toJson(change))
                .build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        Multi<OutboundSseEvent> hello = Multi.createFrom().item(sse.newEventBuilder().comment("connected").build());
        return Multi.createBy().concatenating().streams(hello, Multi.createBy().merging().streams(changes, keepAlive));
    }

    private String toJson(PromptChange change) {
        try {
            return json.writeValueAsString(new PromptChange(change.type(), change.tenantId(), change.name(), change.version(),
                    change.label(), change.fromVersion(), change.actorId(), change.at(), null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
