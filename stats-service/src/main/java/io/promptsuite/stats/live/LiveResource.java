package io.promptsuite.stats.live;

import java.time.Instant;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's tenant over the last minutes, before the fold has put them into the rollups. */
@Path("/api/v1/stats/live")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stats")
public class LiveResource {

    static final int MAX_MINUTES = 60;

    @Inject
    LiveReader reader;

    @Inject
    CallerContext callers;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Calls, errors, tokens and cost per UTC minute over the last minutes, the current one included",
            description = "Every minute is present, oldest first, empty ones as zeros. source is redis (live counters) "
                    + "or postgresql (rollups plus events not yet folded) while Redis is unreachable.")
    @APIResponse(responseCode = "200", description = "The minutes")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: minutes is not a whole number from 1 to 60")
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the caller acts for no tenant")
    @APIResponse(responseCode = "503", description = "STATS_UNAVAILABLE: neither Redis nor PostgreSQL answered")
    public LiveReader.Window live(@QueryParam("minutes") @Parameter(description = "How many minutes, 1 to 60 (default 60)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "60", defaultValue = "60")) String minutes) {
        return reader.last(callers.tenant(), parse(minutes), Instant.now());
    }

    /** Taken as text so a bad value is our 400 naming the field, not the framework's 404. */
    static int parse(String minutes) {
        if (minutes == null || minutes.isBlank()) {
            return MAX_MINUTES;
        }
        try {
            int n = Integer.parseInt(minutes.trim());
            if (n >= 1 && n <= MAX_MINUTES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalidField("minutes", "must be a whole number from 1 to " + MAX_MINUTES);
    }
}
