package io.promptsuite.stats.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.stats.ExecutionEvent;
import io.promptsuite.stats.StatsConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Execution events in, in batches: from services of the suite and from applications with a tenant's credential. */
@Path("/api/v1/executions/batch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ingest")
public class BatchResource {

    /** The scope a service's client-credentials token needs to write events of any tenant. */
    public static final String WRITE_SCOPE = "stats:write";

    @Inject
    IngestService service;

    @Inject
    CallerContext callers;

    @Inject
    EventRules rules;

    @Inject
    StatsConfig config;

    @POST
    @RolesAllowed({ Roles.VIEWER, Roles.SERVICE })
    @Operation(summary = "Ingest a batch of execution events",
            description = "All or nothing: when any event is invalid the batch is refused with one 400 that lists every "
                    + "bad field (`details.fields`, named like `events[3].latency_ms`) and the bad events' indexes "
                    + "(`details.event_indexes`, the first 100), and nothing is stored. An event id seen before (in this "
                    + "batch, an earlier one, or one arriving at the same moment) is counted once and reported as a "
                    + "duplicate. Totals include the accepted events as soon as this answers. A service token needs the "
                    + "`stats:write` scope and names each event's `tenant_id`; any other caller's events belong to its "
                    + "tenant, and an event naming another tenant is refused (403 TENANT_MISMATCH).")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchDoc.class)))
    @APIResponse(responseCode = "202", description = "Stored: how many events were new and how many were seen before",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IngestService.IngestResult.class)))
    @APIResponse(responseCode = "413", description = "More events than stats.ingest.max-batch (BATCH_TOO_LARGE), or a body over the size limit",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    public Response ingest(JsonNode body) {
        Caller caller = callers.caller();
        UUID tenant = tenantOf(caller);
        JsonNode events = eventsOf(body);
        List<ExecutionEvent> parsed = new ArrayList<>(events.size());
        List<FieldError> problems = new ArrayList<>();
        List<Integer> mismatched = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventParser.Parsed one = EventParser.parse(i, events.get(i), tenant);
            problems.addAll(one.problems());
            if (tenant != null && one.namedTenant() != null && !tenant.equals(one.namedTenant())) {
                mismatched.add(i);
            }
            parsed.add(one.event());
        }
        if (!mismatched.isEmpty()) {
            throw new ApiException(403, "TENANT_MISMATCH", "Events may only be written to the caller's own tenant; nothing was stored",
                    Map.of("event_indexes", mismatched.subList(0, Math.min(mismatched.size(), BatchRejected.MAX_INDEXES))));
        }
        if (!problems.isEmpty()) {
            // The rules too, so one answer names every bad field, not just the ones of the wrong type.
            Instant now = Instant.now();
            Set<String> named = new HashSet<>();
            problems.forEach(p -> named.add(p.field()));
            List<FieldError> all = new ArrayList<>(problems);
            for (int i = 0; i < parsed.size(); i++) {
                if (parsed.get(i) != null) {
                    rules.problems(i, parsed.get(i), now).stream().filter(p -> !named.contains(p.field())).forEach(all::add);
                }
            }
            all.sort(Comparator.comparing((FieldError f) -> BatchRejected.indexOf(f.field()) == null ? -1
                    : BatchRejected.indexOf(f.field())));
            throw BatchRejected.of(all);
        }
        return Response.accepted(service.accept(parsed)).build();
    }

    /** The tenant every event belongs to, or null for a service writing for any tenant. */
    private static UUID tenantOf(Caller caller) {
        if (caller.tenantId() == null && caller.roles().contains(Roles.SERVICE)) {
            if (caller.scopes() == null || !caller.scopes().contains(WRITE_SCOPE)) {
                throw new ApiException(403, "SCOPE_REQUIRED", "A service token needs the " + WRITE_SCOPE + " scope to write events");
            }
            return null;
        }
        if (!caller.has(Roles.VIEWER)) {
            throw ApiException.forbidden("Writing events needs a role in the tenant");
        }
        return caller.tenant();
    }

    private JsonNode eventsOf(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("MALFORMED_BODY", "The body must be a JSON object {\"events\": [...]}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("events")) {
                throw ApiException.invalidField(name, "unknown field");
            }
        }
        JsonNode events = body.get("events");
        if (events == null || events.isNull()) {
            throw ApiException.invalidField("events", "is required");
        }
        if (!events.isArray()) {
            throw ApiException.invalidField("events", "must be an array");
        }
        if (events.isEmpty()) {
            throw ApiException.invalidField("events", "must hold at least one event");
        }
        if (events.size() > config.ingest().maxBatch()) {
            throw IngestService.tooLarge(config.ingest().maxBatch());
        }
        return events;
    }

    /** The request body as documented; parsed by hand so each type error names its event. */
    @Schema(name = "ExecutionBatch")
    public record BatchDoc(@Schema(required = true, maxItems = 1000) List<EventDoc> events) {
    }

    @Schema(name = "ExecutionEvent", description = "Input tokens include cached and cache-write ones, output tokens "
            + "include reasoning ones (OpenTelemetry GenAI), so nothing is counted twice.")
    public record EventDoc(
            @Schema(required = true, description = "The idempotency key") UUID eventId,
            @Schema(description = "Required for a service token; for any other caller its own tenant or absent") UUID tenantId,
            @Schema(required = true, maxLength = 200) String prompt,
            @Schema(required = true, minimum = "0") Integer version,
            @Schema(maxLength = 100) String label,
            @Schema(required = true, maxLength = 200) String model,
            @Schema(required = true, maxLength = 100) String provider,
            @Schema(required = true, enumeration = { "success", "error" }) String status,
            @Schema(maxLength = 100) String errorCode,
            @Schema(required = true, minimum = "0", maximum = "86400000") Integer latencyMs,
            @Schema(minimum = "0", maximum = "86400000") Integer timeToFirstTokenMs,
            @Schema(required = true, minimum = "0", maximum = "1000000000000") Long inputTokens,
            @Schema(minimum = "0") Long cachedInputTokens,
            @Schema(minimum = "0", description = "Tokens written to a prompt cache (Anthropic's cache_creation)") Long cacheWriteTokens,
            @Schema(required = true, minimum = "0", maximum = "1000000000000") Long outputTokens,
            @Schema(minimum = "0") Long reasoningTokens,
            @Schema(minimum = "0", description = "USD; absent: computed from the price book (and recomputed when prices change)") BigDecimal cost,
            @Schema(required = true, description = "RFC 3339 with an offset; within the tenant's retention and at most stats.ingest.max-future-skew ahead") String startedAt,
            @Schema(maxLength = 200) String userId,
            @Schema(description = "A small JSON object (at most stats.ingest.max-metadata-bytes)") Map<String, Object> metadata) {
    }
}
