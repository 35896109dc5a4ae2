package io.promptsuite.prompt.label;

import java.net.URI;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
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

/** Labels: move, protect, remove, and their history. */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "labels")
public class LabelResource {

    public record MoveLabel(@NotNull @Min(1) Integer version, @Size(max = 500) String reason) {
    }

    public record ProtectLabel(@NotNull @JsonProperty("protected") Boolean isProtected) {
    }

    public record LabelView(String name, int version, @JsonProperty("protected") boolean isProtected,
            @Schema(nullable = true) String updatedBy,
            OffsetDateTime updatedAt) {

        static LabelView of(Label label) {
            return new LabelView(label.name, label.version, label.isProtected, label.updatedBy, label.updatedAt);
        }
    }

    public record HistoryView(long id, String label, String action, @Schema(nullable = true) Integer fromVersion,
            @Schema(nullable = true) Integer toVersion,
            @Schema(nullable = true) String reason, @Schema(nullable = true) String actorId, OffsetDateTime createdAt) {

        static HistoryView of(LabelHistory h) {
            return new HistoryView(h.id, h.label, h.action, h.fromVersion, h.toVersion, h.reason, h.actorId, h.createdAt);
        }
    }

    @Inject
    LabelService service;

    @Inject
    CallerContext callers;

    @GET
    @Path("/{name}/labels")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List a prompt's labels by name, a page at a time")
    public Page<LabelView> list(@PathParam("name") String name, @Valid @BeanParam PageParams page) {
        return service.list(callers.caller(), name, page).map(LabelView::of);
    }

    @PUT
    @Path("/{name}/labels/{label}")
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Point a label at a published version, creating the label if needed")
    @APIResponse(responseCode = "200", description = "The label, moved",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LabelView.class)))
    @APIResponse(responseCode = "201", description = "The label, created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LabelView.class)),
            headers = @Header(name = "Location", description = "The prompt read by the new label", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The version is a draft (VERSION_NOT_PUBLISHED)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public Response move(@PathParam("name") String name, @PathParam("label") String label, @Valid @NotNull MoveLabel body) {
        LabelService.Moved moved = service.moveOrCreate(callers.caller(), name, label, body.version(), body.reason());
        if (!moved.created()) {
            return Response.ok(LabelView.of(moved.label())).build();
        }
        // A label has no GET of its own: reading the prompt by the label answers what the label now points at.
        return Response.created(URI.create("/api/v1/prompts/" + name + "?label=" + label))
                .entity(LabelView.of(moved.label())).build();
    }

    @PATCH
    @Path("/{name}/labels/{label}")
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Protect a label (only admins move it then) or unprotect it")
    public LabelView protect(@PathParam("name") String name, @PathParam("label") String label,
            @Valid @NotNull ProtectLabel body) {
        return LabelView.of(service.protect(callers.caller(), name, label, body.isProtected()));
    }

    @DELETE
    @Path("/{name}/labels/{label}")
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Remove a label")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("name") String name, @PathParam("label") String label) {
        service.remove(callers.caller(), name, label);
        return Response.noContent().build();
    }

    @GET
    @Path("/{name}/labels/{label}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "A label's moves, newest first, a page at a time")
    public Page<HistoryView> history(@PathParam("name") String name, @PathParam("label") String label,
            @Valid @BeanParam PageParams page) {
        return service.history(callers.caller(), name, label, page).map(HistoryView::of);
    }
}
