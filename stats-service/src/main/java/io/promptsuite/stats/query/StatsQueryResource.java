package io.promptsuite.stats.query;

import java.time.Instant;
import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.stats.StatsConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Summary, timeseries and top: the tenant's numbers over any range, in any time zone, exact and in one snapshot.
 * Every parameter is read as text and checked by {@link QueryParams}; the {@code @QueryParam}s below document them.
 */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stats")
public class StatsQueryResource {

    static final String ALL_TENANTS = "*";

    @Inject
    StatsQueries queries;

    @Inject
    CallerContext callers;

    @Inject
    StatsConfig config;

    @Context
    UriInfo uri;

    @GET
    @Path("/summary")
    @RolesAllowed({ Roles.VIEWER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Calls, errors, latency percentiles, tokens and cost over a range, in total or per group")
    @APIResponse(responseCode = "200", description = "One row of totals, or one per group",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = QueryViews.Summary.class)))
    @APIResponse(responseCode = "422", description = "More groups than stats.query.max-groups (TOO_MANY_GROUPS)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "503", description = "The query ran past stats.query.statement-timeout (QUERY_TIMEOUT)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public QueryViews.Summary summary(@QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to,
            @QueryParam("tz") @Parameter(description = TZ) String tz,
            @QueryParam("prompt") String prompt, @QueryParam("version") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String version,
            @QueryParam("label") @Parameter(description = LABEL) String label, @QueryParam("model") String model,
            @QueryParam("group_by") @Parameter(schema = @Schema(enumeration = { "prompt", "version", "model", "label", "day", "hour" })) String groupBy,
            @QueryParam("tenant_id") @Parameter(description = TENANT) String tenantId) {
        QueryParams q = new QueryParams(uri.getQueryParameters());
        Requests.Summary request = Requests.summary(q, Instant.now(), config.query().maxRange());
        return queries.summary(scope(q), request);
    }

    @GET
    @Path("/timeseries")
    @RolesAllowed({ Roles.VIEWER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "One metric per minute, hour or day of the time zone; every bucket of the range, empty ones as 0")
    @APIResponse(responseCode = "200", description = "The points, oldest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = QueryViews.Timeseries.class)))
    @APIResponse(responseCode = "503", description = "The query ran past stats.query.statement-timeout (QUERY_TIMEOUT)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public QueryViews.Timeseries timeseries(
            @QueryParam("metric") @Parameter(description = "Default calls; tokens = input + output tokens", schema = @Schema(enumeration = {
                    "calls", "errors", "error_rate", "latency_p50", "latency_p95", "latency_p99", "tokens", "cost" })) String metric,
            @QueryParam("interval") @Parameter(description = "Default hour; minute only within stats.retention.minute-rollup-days",
                    schema = @Schema(enumeration = { "minute", "hour", "day" })) String interval,
            @QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to,
            @QueryParam("tz") @Parameter(description = TZ) String tz,
            @QueryParam("prompt") String prompt, @QueryParam("version") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String version,
            @QueryParam("label") @Parameter(description = LABEL) String label, @QueryParam("model") String model,
            @QueryParam("tenant_id") @Parameter(description = TENANT) String tenantId) {
        QueryParams q = new QueryParams(uri.getQueryParameters());
        Requests.Timeseries request = Requests.timeseries(q, Instant.now(), config.query().maxRange());
        return queries.timeseries(scope(q), request);
    }

    @GET
    @Path("/top")
    @RolesAllowed({ Roles.VIEWER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "The prompts, models or users that matter most by calls, errors, cost or latency p95")
    @APIResponse(responseCode = "200", description = "The rows, largest value first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = QueryViews.Top.class)))
    @APIResponse(responseCode = "503", description = "The query ran past stats.query.statement-timeout (QUERY_TIMEOUT)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public QueryViews.Top top(
            @QueryParam("by") @Parameter(description = "Default calls", schema = @Schema(enumeration = { "calls", "errors", "cost", "latency_p95" })) String by,
            @QueryParam("dimension") @Parameter(description = "Default prompt; users are counted per UTC hour, so with user the range is moved to whole hours",
                    schema = @Schema(enumeration = { "prompt", "model", "user" })) String dimension,
            @QueryParam("limit") @Parameter(description = "1 to 100, default 10", schema = @Schema(type = SchemaType.INTEGER)) String limit,
            @QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to,
            @QueryParam("prompt") String prompt, @QueryParam("version") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String version,
            @QueryParam("label") @Parameter(description = LABEL) String label, @QueryParam("model") String model,
            @QueryParam("tenant_id") @Parameter(description = TENANT) String tenantId) {
        QueryParams q = new QueryParams(uri.getQueryParameters());
        Requests.Top request = Requests.top(q, Instant.now(), config.query().maxRange());
        return queries.top(scope(q), request);
    }

    /** The caller's own tenant; another one, or all ("*"), only for a platform admin. */
    private Scope scope(QueryParams q) {
        Caller caller = callers.caller();
        String asked = q.text("tenant_id");
        if (asked == null) {
            return new Scope(caller.tenant());
        }
        boolean admin = caller.has(Roles.PLATFORM_ADMIN);
        if (ALL_TENANTS.equals(asked)) {
            if (!admin) {
                throw ApiException.forbidden("Only a platform admin may ask across tenants");
            }
            return Scope.ALL;
        }
        UUID tenant = q.uuid("tenant_id");
        q.check();
        if (!admin && !tenant.toString().equals(caller.tenantId())) {
            throw ApiException.forbidden("Only a platform admin may ask about another tenant");
        }
        return new Scope(tenant);
    }

    private static final String FROM = "RFC 3339 start (inclusive), moved back to its minute; default: 24 hours before to";
    private static final String TO = "RFC 3339 end (exclusive), moved on to the end of its minute; default: the end of the current minute";
    private static final String TZ = "IANA time zone where days and hours begin (default UTC)";
    private static final String LABEL = "An empty value selects executions that named no label";
    private static final String TENANT = "platform-admin only: another tenant's id, or * for all tenants";
}
