package io.promptsuite.prompt.label;

import java.time.OffsetDateTime;
import java.util.List;

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

    public record LabelView(String name, int version, @JsonProperty("protected") boolean isProtected, String updatedBy, OffsetDateTime updatedAt) {

        static LabelView of(Label label) {
            return new LabelView(label.name, label.version, label.isProtected, label.updatedBy, label.updatedAt);
        }
    }

    public record HistoryView(long id, String label, String action, Integer fromVersion, Integer toVersion, String reason,
            String actorId, OffsetDateTime createdAt) {

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
    public List<LabelView> list(@PathParam("name") String name) {
        return service.list(callers.caller(), name).stream().map(LabelView::of).toList();
    }

    @PUT
    @Path("/{name}/labels/{label}")
    @RolesAllowed(Roles.EDITOR)
    public LabelView move(@PathParam("name") String name, @PathParam("label") String label, @Valid @NotNull MoveLabel body) {
        return LabelView.of(service.move(callers.caller(), name, label, body.version(), body.reason()));
    }

    @PATCH
    @Path("/{name}/labels/{label}")
    @RolesAllowed(Roles.EDITOR)
    public LabelView protect(@PathParam("name") String name, @PathParam("label") String label,
            @Valid @NotNull ProtectLabel body) {
        return LabelView.of(service.protect(callers.caller(), name, label, body.isProtected()));
    }

    @DELETE
    @Path("/{name}/labels/{label}")
    @RolesAllowed(Roles.EDITOR)
    public Response remove(@PathParam("name") String name, @PathParam("label") String label) {
        service.remove(callers.caller(), name, label);
        return Response.noContent().build();
    }

    @GET
    @Path("/{name}/labels/{label}/history")
    @RolesAllowed(Roles.VIEWER)
    public Page<HistoryView> history(@PathParam("name") String name, @PathParam("label") String label,
            @Valid @BeanParam PageParams page) {
        return service.history(callers.caller(), name, label, page).map(HistoryView::of);
    }
}
