package io.promptsuite.stats.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.stats.StatsConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's raw events of a range as a download. Editors and admins only: the rows carry user ids, which the
 * aggregate queries (open to viewers) never show one by one.
 */
@Path("/api/v1/stats/export")
@Tag(name = "stats")
public class ExportResource {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    EventRows rows;

    @Inject
    CallerContext callers;

    @Inject
    StatsConfig config;

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Produces({ "text/csv", "application/x-ndjson" })
    @Operation(summary = "Stream the tenant's raw events of [from, to), oldest first, as CSV (RFC 4180) or NDJSON",
            description = "CSV has a header line and the batch API's field names as columns; metadata is JSON text. Text "
                    + "cells starting with =, +, -, @, tab or CR get a leading ' so spreadsheets don't run them as "
                    + "formulas. The body is streamed with constant memory, whatever the range holds.")
    @APIResponse(responseCode = "200", description = "The events, as an attachment", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: from or to missing or not RFC 3339, to not after "
            + "from, a range over the limit, or a format other than csv or ndjson")
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @APIResponse(responseCode = "403", description = "FORBIDDEN: viewers may not export, nor callers without a tenant")
    @APIResponse(responseCode = "503", description = "STATS_UNAVAILABLE: PostgreSQL did not answer")
    public Response export(
            @QueryParam("from") @Parameter(description = "Start, inclusive (RFC 3339)", required = true) String from,
            @QueryParam("to") @Parameter(description = "End, exclusive (RFC 3339)", required = true) String to,
            @QueryParam("format") @Parameter(description = "csv (default) or ndjson",
                    schema = @Schema(enumeration = { "csv", "ndjson" }, defaultValue = "csv")) String format) {
        UUID tenant = callers.tenant();
        ExportFormat shape = ExportFormat.parse(format);
        ExportRange range = ExportRange.parse(from, to, config.query().maxRange());
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            RowWriter rowWriter = RowWriter.of(shape, writer);
            rowWriter.header();
            rows.each(tenant, range, rowWriter::row);
            rowWriter.finish();
        };
        String file = "stats-" + FILE_TIME.format(range.from()) + "-" + FILE_TIME.format(range.to()) + "." + shape.extension;
        return Response.ok(body, shape.mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
