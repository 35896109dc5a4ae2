package io.promptsuite.prompt.render;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Render by name and label (default production) or version. */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "render")
public class RenderResource {

    /**
     * @param owner the slug of another tenant whose public prompt this is; omitted for the caller's own prompts
     */
    public record RenderRequest(@Size(max = 63) String label, @Min(1) Integer version, Map<String, Object> variables,
            @Size(max = 63) String owner) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RenderResponse(String name, int version, String type, String label, String text,
            java.util.List<Map<String, String>> messages) {
    }

    @Inject
    RenderService service;

    @Inject
    CallerContext callers;

    @POST
    @Path("/{name}/render")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Render a prompt by label (default production) or version with the given variables")
    @APIResponse(responseCode = "413", description = "The variables are larger than a render accepts (VARIABLES_TOO_LARGE)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "422", description = "The variables don't match the version's schema (INVALID_VARIABLES), or the render costs too much or fails (RENDER_TOO_EXPENSIVE, RENDER_TOO_LARGE, TEMPLATE_TOO_COMPLEX, SCHEMA_INVALID, RENDER_FAILED)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "200", description = "The rendered text or messages",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RenderResponse.class)))
    public Uni<RenderResponse> render(@PathParam("name") String name, @Valid RenderRequest body) {
        RenderRequest request = body == null ? new RenderRequest(null, null, null, null) : body;
        Caller caller = callers.caller();
        // The hot path: everything already in memory, answered on the event loop without a thread hop.
        var fast = service.renderFromMemory(caller, name, request.owner(), request.label(), request.version(), request.variables());
        if (fast.isPresent()) {
            return Uni.createFrom().item(response(fast.get()));
        }
        return Uni.createFrom().item(() -> response(service.render(caller, name, request.owner(), request.label(),
                request.version(), request.variables()))).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static RenderResponse response(RenderService.Rendered r) {
        return new RenderResponse(r.name(), r.version(), r.type(), r.label(), r.text(), r.messages());
    }
}
