package io.promptsuite.prompt.execution;

import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Executions of a prompt, reported by whoever ran it, on their way to stats-service through the outbox. */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "executions")
public class ExecutionResource {

    public record Accepted(UUID eventId) {
    }

    @Inject
    ExecutionService service;

    @Inject
    CallerContext callers;

    @POST
    @Path("/{name}/executions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Report an execution of the prompt; it reaches stats-service at least once, counted once by its event id")
    @APIResponse(responseCode = "202", description = "Stored for delivery to stats-service",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    public Response report(@PathParam("name") String name, ExecutionReport body) {
        if (body == null) {
            throw ApiException.invalidField("body", "send the execution as a JSON object");
        }
        UUID eventId = service.report(callers.caller(), name, body);
        return Response.accepted(new Accepted(eventId)).build();
    }
}
