package io.promptsuite.prompt.catalog;

import java.net.URI;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Prompts themselves; names may hold '/' (send it as is or as %2F). */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "prompts")
public class PromptResource {

    @Inject
    PromptService service;

    @Inject
    PromptAccess access;

    @Inject
    CallerContext callers;

    @POST
    @RolesAllowed(Roles.EDITOR)
    public Response create(@Valid @NotNull PromptDtos.CreatePrompt body) {
        Prompt prompt = service.create(callers.caller(), body);
        return Response.created(URI.create("/api/v1/prompts/" + prompt.name)).entity(service.view(prompt)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Page<PromptDtos.PromptView> list(@Valid @BeanParam PageParams page, @QueryParam("prefix") String prefix,
            @QueryParam("tag") String tag, @QueryParam("scope") @DefaultValue("tenant") String scope,
            @QueryParam("deleted") @DefaultValue("false") boolean deleted) {
        if (!"tenant".equals(scope) && !"public".equals(scope)) {
            throw ApiException.badRequest("INVALID_SCOPE", "scope is tenant or public");
        }
        if (deleted) {
            access.requireAdmin(callers.caller(), "Listing deleted prompts");
        }
        return service.list(callers.caller(), prefix, tag, "public".equals(scope), deleted, page).map(service::view);
    }

    @PATCH
    @Path("/{name}")
    @RolesAllowed(Roles.EDITOR)
    public PromptDtos.PromptView update(@PathParam("name") String name, @Valid @NotNull PromptDtos.UpdatePrompt body) {
        return service.view(service.update(callers.caller(), name, body));
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("name") String name) {
        service.delete(callers.caller(), name);
        return Response.noContent().build();
    }

    @POST
    @Path("/{name}/restore")
    @RolesAllowed(Roles.ADMIN)
    public PromptDtos.PromptView restore(@PathParam("name") String name) {
        return service.view(service.restore(callers.caller(), name));
    }
}
