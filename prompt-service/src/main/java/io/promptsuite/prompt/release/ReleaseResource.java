package io.promptsuite.prompt.release;

import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** One call from a template to a labelled, published version: what Langfuse users expect from "create prompt". */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "releases")
public class ReleaseResource {

    @Inject
    ReleaseService service;

    @Inject
    CallerContext callers;

    @POST
    @Path("/{name}/releases")
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Ship a version in one call",
            description = "Creates the prompt if it doesn't exist, adds the version, publishes it (unless `publish` is false) "
                    + "and moves the named labels to it, in one transaction with the checks of the separate calls.")
    @APIResponse(responseCode = "201", description = "The version was created (and published, and labelled)",
            headers = @Header(name = "Location", description = "The new version", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReleaseDtos.ReleaseView.class)))
    @APIResponse(responseCode = "409", description = "A deleted prompt has this name, or the prompt has no version numbers left",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "422", description = "The version fails the publish checks (partials, template shape); nothing was written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
    public Response ship(@PathParam("name") String name, @Valid @NotNull ReleaseDtos.Release body) {
        ReleaseDtos.ReleaseView release = service.ship(callers.caller(), name, body);
        return Response.created(URI.create("/api/v1/prompts/" + name + "/versions/" + release.version()))
                .entity(release).build();
    }
}
