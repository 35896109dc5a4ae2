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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(summary = "Create a prompt")
    @APIResponse(responseCode = "201", description = "The prompt, created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PromptDtos.PromptView.class)),
            headers = @Header(name = "Location", description = "The prompt, as GET answers it", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "A prompt of that name exists (PROMPT_EXISTS), or was deleted and can be restored (PROMPT_DELETED)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public Response create(@Valid @NotNull PromptDtos.CreatePrompt body) {
        Prompt prompt = service.create(callers.caller(), body);
        return Response.created(URI.create("/api/v1/prompts/" + prompt.name)).entity(service.view(prompt)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List the tenant's prompts (or other tenants' public ones), a page at a time")
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
    @Operation(summary = "Change a prompt's description, tags or visibility")
    public PromptDtos.PromptView update(@PathParam("name") String name, @Valid @NotNull PromptDtos.UpdatePrompt body) {
        return service.view(service.update(callers.caller(), name, body));
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a prompt (it can be restored)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("name") String name) {
        service.delete(callers.caller(), name);
        return Response.noContent().build();
    }

    @POST
    @Path("/{name}/restore")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Restore a deleted prompt")
    @APIResponse(responseCode = "409", description = "The prompt is not deleted (PROMPT_NOT_DELETED), or its name is taken again",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "200", description = "The prompt, restored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PromptDtos.PromptView.class)))
    public PromptDtos.PromptView restore(@PathParam("name") String name) {
        return service.view(service.restore(callers.caller(), name));
    }
}
