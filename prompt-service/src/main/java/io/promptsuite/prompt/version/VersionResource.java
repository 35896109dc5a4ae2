package io.promptsuite.prompt.version;

import java.net.URI;

import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Versions of a prompt: drafts to write, then publish. */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "versions")
public class VersionResource {

    @Inject
    VersionService service;

    @Inject
    CallerContext callers;

    @POST
    @Path("/{name}/versions")
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Create a draft version")
    @APIResponse(responseCode = "201", description = "The draft, created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VersionDtos.VersionView.class)),
            headers = @Header(name = "Location", description = "Where a GET answers the new object", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The prompt holds as many versions as it may (TOO_MANY_VERSIONS)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "422", description = "The template would cost more to render than a render may spend (TEMPLATE_TOO_COMPLEX)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public Response create(@PathParam("name") String name, @Valid @NotNull VersionDtos.CreateVersion body) {
        PromptVersion v = service.create(callers.caller(), name, body);
        return Response.created(URI.create("/api/v1/prompts/" + name + "/versions/" + v.version))
                .entity(VersionDtos.VersionView.of(name, v)).build();
    }

    @GET
    @Path("/{name}/versions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List a prompt's versions, oldest first, a page at a time")
    public Page<VersionDtos.VersionView> list(@PathParam("name") String name, @Valid @BeanParam PageParams page) {
        return service.list(callers.caller(), name, page).map(v -> VersionDtos.VersionView.of(name, v));
    }

    @GET
    @Path("/{name}/versions/{n: [0-9]+}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Read one version")
    public VersionDtos.VersionView get(@PathParam("name") String name, @PathParam("n") int number) {
        return VersionDtos.VersionView.of(name, service.get(callers.caller(), name, number));
    }

    @PATCH
    @Path("/{name}/versions/{n: [0-9]+}")
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Change a draft")
    @APIResponse(responseCode = "409", description = "The version is published and can no longer change (VERSION_PUBLISHED)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "422", description = "The template would cost more to render than a render may spend (TEMPLATE_TOO_COMPLEX)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "200", description = "The draft, changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VersionDtos.VersionView.class)))
    public VersionDtos.VersionView update(@PathParam("name") String name, @PathParam("n") int number,
            @Valid @NotNull VersionDtos.UpdateVersion body) {
        return VersionDtos.VersionView.of(name, service.update(callers.caller(), name, number, body));
    }

    @DELETE
    @Path("/{name}/versions/{n: [0-9]+}")
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Delete a draft")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The version is published and can no longer be deleted (VERSION_PUBLISHED)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public Response delete(@PathParam("name") String name, @PathParam("n") int number) {
        service.delete(callers.caller(), name, number);
        return Response.noContent().build();
    }

    /** A body is optional; an empty object or none at all both publish. */
    @POST
    @Path("/{name}/versions/{n: [0-9]+}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Publish a draft: from now on it never changes")
    @APIResponse(responseCode = "409", description = "The version is already published (VERSION_PUBLISHED)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "422", description = "The version fails the publication checks (PUBLISH_CHECKS_FAILED, PARTIAL_UNRESOLVED, TEMPLATE_TOO_COMPLEX)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "200", description = "The version, published",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VersionDtos.VersionView.class)))
    public VersionDtos.VersionView publish(@PathParam("name") String name, @PathParam("n") int number) {
        return VersionDtos.VersionView.of(name, service.publish(callers.caller(), name, number));
    }
}
