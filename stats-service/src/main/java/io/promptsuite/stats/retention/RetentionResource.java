package io.promptsuite.stats.retention;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's own retention: it may keep its events for less than the service does, never for more. */
@Path("/api/v1/stats/retention")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "retention")
public class RetentionResource {

    public record RetentionBody(@NotNull Integer days) {
    }

    public record RetentionView(@Schema(description = "Days the tenant's events and rollups are kept") int days,
            @Schema(description = "The most this service keeps (stats.retention.days)") int maxDays) {
    }

    @Inject
    RetentionPolicy policy;

    @Inject
    CallerContext callers;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "How long the tenant's events are kept")
    @APIResponse(responseCode = "200", description = "The tenant's retention",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RetentionView.class)))
    public RetentionView get() {
        return new RetentionView(policy.days(callers.tenant()), policy.serviceDays());
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Keep the tenant's events for fewer days",
            description = "1 ≤ days ≤ max_days. Older events are then refused at ingest at once and deleted, with their "
                    + "rollups, by the next retention run (hourly).")
    @APIResponse(responseCode = "200", description = "The tenant's retention, changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RetentionView.class)))
    public RetentionView put(@NotNull RetentionBody body) {
        if (body.days() == null) {
            throw ApiException.invalidField("days", "is required");
        }
        int max = policy.serviceDays();
        if (body.days() < 1 || body.days() > max) {
            throw ApiException.invalidField("days", "must be between 1 and " + max);
        }
        policy.set(callers.tenant(), body.days());
        return get();
    }
}
