package io.promptsuite.stats.rollup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.stats.StatsConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rebuilding rollups from the raw events, for an operator who changed something the rollups were made from. */
@Path("/api/v1/admin/rollups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class RebuildResource {

    public record RebuildView(
            @Schema(description = "Start of the rebuilt range, widened to a UTC midnight") Instant from,
            @Schema(description = "End of the rebuilt range (exclusive), widened to a UTC midnight") Instant to,
            @Schema(description = "Raw events the new rollups were computed from") long events,
            @JsonProperty("rollup_rows") @Schema(description = "Rollup rows written (minute, hour, day and user-hour)") long rollupRows,
            @JsonProperty("duration_ms") long durationMs) {

        static RebuildView of(RollupRebuilder.Result r) {
            return new RebuildView(r.from(), r.to(), r.events(), r.rollupRows(), r.durationMs());
        }
    }

    @Inject
    RollupRebuilder rebuilder;

    @Inject
    CallerContext callers;

    @Inject
    StatsConfig config;

    @POST
    @Path("/rebuild")
    @RolesAllowed({ Roles.ADMIN, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Recompute the rollups of a range (whole UTC days) from the raw events, repricing computed costs",
            description = "Synchronous: answers when the range is rebuilt. A tenant admin rebuilds its own tenant; a "
                    + "platform admin the tenant it names or, without tenant_id, every tenant. One rebuild at a time.")
    @APIResponse(responseCode = "200", description = "Rebuilt",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RebuildView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed from/to/tenant_id, from not before to, a "
            + "range over stats.query.max-range, or a to more than a day ahead (VALIDATION_FAILED)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", description = "Not an admin, or a tenant admin naming another tenant (FORBIDDEN)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "409", description = "Another rebuild is running (REBUILD_RUNNING)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public RebuildView rebuild(
            @Parameter(description = "Start, RFC 3339", required = true) @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), RFC 3339", required = true) @QueryParam("to") String to,
            @Parameter(description = "The tenant to rebuild; platform admins only (a tenant admin may name its own)")
            @QueryParam("tenant_id") String tenantId) {
        RebuildRequest request = RebuildRequest.of(callers.caller(), from, to, tenantId, config.query().maxRange(), Instant.now());
        return RebuildView.of(rebuilder.rebuildOrRefuse(request.tenant(), request.from(), request.to()));
    }
}
