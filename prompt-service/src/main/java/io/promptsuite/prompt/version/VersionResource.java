package io.promptsuite.prompt.version;

import java.net.URI;
import java.util.List;

import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
    public Response create(@PathParam("name") String name, @Valid @NotNull VersionDtos.CreateVersion body) {
        PromptVersion v = service.create(callers.caller(), name, body);
        return Response.created(URI.create("/api/v1/prompts/" + name + "/versions/" + v.version))
                .entity(VersionDtos.VersionView.of(name, v)).build();
    }

    @GET
    @Path("/{name}/versions")
    @RolesAllowed(Roles.VIEWER)
    public List<VersionDtos.VersionView> list(@PathParam("name") String name) {
        return service.list(callers.caller(), name).stream().map(v -> VersionDtos.VersionView.of(name, v)).toList();
    }

    @GET
    @Path("/{name}/versions/{n: [0-9]+}")
    @RolesAllowed(Roles.VIEWER)
    public VersionDtos.VersionView get(@PathParam("name") String name, @PathParam("n") int number) {
        return VersionDtos.VersionView.of(name, service.get(callers.caller(), name, number));
    }

    @PATCH
    @Path("/{name}/versions/{n: [0-9]+}")
    @RolesAllowed(Roles.EDITOR)
    public VersionDtos.VersionView update(@PathParam("name") String name, @PathParam("n") int number,
            @Valid @NotNull VersionDtos.UpdateVersion body) {
        return VersionDtos.VersionView.of(name, service.update(callers.caller(), name, number, body));
    }

    @DELETE
    @Path("/{name}/versions/{n: [0-9]+}")
    @RolesAllowed(Roles.EDITOR)
    public Response delete(@PathParam("name") String name, @PathParam("n") int number) {
        service.delete(callers.caller(), name, number);
        return Response.noContent().build();
    }

    /** A body is optional; an empty object or none at all both publish. */
    @POST
    @Path("/{name}/versions/{n: [0-9]+}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.EDITOR)
    public VersionDtos.VersionView publish(@PathParam("name") String name, @PathParam("n") int number) {
        return VersionDtos.VersionView.of(name, service.publish(callers.caller(), name, number));
    }
}
