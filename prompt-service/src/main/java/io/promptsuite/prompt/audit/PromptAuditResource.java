package io.promptsuite.prompt.audit;

import java.time.OffsetDateTime;
import java.util.Map;

import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptAccess;
import io.promptsuite.prompt.PromptRepository;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every change to one prompt, newest first; deleted prompts keep their audit, readable by admins. */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class PromptAuditResource {

    public record AuditView(long id, String action, @Schema(nullable = true) Integer version,
            @Schema(nullable = true) String label, @Schema(nullable = true) String actorId,
            Map<String, Object> details, OffsetDateTime createdAt) {

        static AuditView of(PromptAuditEvent e) {
            return new AuditView(e.id, e.action, e.version, e.label, e.actorId, e.details == null ? Map.of() : e.details,
                    e.createdAt);
        }
    }

    @Inject
    PromptAudit audit;

    @Inject
    PromptRepository prompts;

    @Inject
    PromptAccess access;

    @Inject
    CallerContext callers;

    @GET
    @Path("/{name}/audit")
    @RolesAllowed(Roles.VIEWER)
    @Transactional
    @Operation(summary = "Every change to a prompt, newest first, a page at a time")
    public Page<AuditView> list(@PathParam("name") String name, @Valid @BeanParam PageParams page) {
        var caller = callers.caller();
        Prompt prompt = prompts.findByName(caller.tenant(), name)
                .filter(p -> p.deletedAt == null ? access.mayRead(caller, p) : caller.has(Roles.ADMIN))
                .orElseThrow(() -> access.notFound(name));
        var query = audit.find("promptId", Sort.by("id").descending(), prompt.id);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count()).map(AuditView::of);
    }
}
