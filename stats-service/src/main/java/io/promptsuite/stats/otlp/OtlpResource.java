package io.promptsuite.stats.otlp;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.InvalidProtocolBufferException;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.stats.ingest.BatchResource;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OTLP/HTTP trace export: an application instrumented with OpenTelemetry (GenAI conventions, OpenLLMetry) points its
 * exporter here and needs no other change. Answers the way OTLP receivers do, in the encoding of the request.
 */
@Path("/v1/traces")
@Tag(name = "otlp")
public class OtlpResource {

    static final String PROTOBUF = "application/x-protobuf";

    /** OTLP/JSON's response: lowerCamelCase like the rest of OTLP/JSON, not the suite's snake_case. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ExportTraceServiceResponse")
    public record ExportResponse(@JsonProperty("partialSuccess") @Schema(nullable = true) PartialSuccess partialSuccess) {
    }

    @Schema(name = "ExportTracePartialSuccess")
    public record PartialSuccess(
            @JsonProperty("rejectedSpans") @Schema(type = SchemaType.STRING, description = "int64 as a decimal string, as OTLP/JSON writes it") String rejectedSpans,
            @JsonProperty("errorMessage") String errorMessage) {
    }

    @Inject
    TraceIngest traces;

    @Inject
    CallerContext callers;

    @Inject
    ExportPermits permits;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBody;

    @POST
    @RolesAllowed({ Roles.VIEWER, Roles.SERVICE })
    @Consumes({ PROTOBUF, MediaType.APPLICATION_JSON })
    @Produces({ PROTOBUF, MediaType.APPLICATION_JSON })
    @Operation(summary = "Export spans over OTLP/HTTP (protobuf or JSON, optionally gzip); GenAI spans become execution events",
            description = "Each span with gen_ai.* attributes becomes one execution event with the id "
                    + "UUID.nameUUIDFromBytes(traceId ‖ spanId); other spans are ignored. A tenant's API key or user token "
                    + "writes to its tenant; a service token with stats:write names the tenant in the resource attribute "
                    + "suite.tenant_id. Spans that can't be counted are reported in partialSuccess.")
    @RequestBody(content = { @Content(mediaType = PROTOBUF, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "ExportTraceServiceRequest in OTLP/JSON")) })
    @APIResponse(responseCode = "200", description = "Accepted; partialSuccess names how many spans were rejected and why",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportResponse.class)),
                    @Content(mediaType = PROTOBUF, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "400", description = "MALFORMED_OTLP: the body is not an ExportTraceServiceRequest")
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @APIResponse(responseCode = "403", description = "SCOPE_REQUIRED: a service token without the stats:write scope; FORBIDDEN: no role in a tenant")
    @APIResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE: the body, inflated, is over the limit")
    @APIResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA_TYPE or UNSUPPORTED_CONTENT_ENCODING")
    @APIResponse(responseCode = "503", description = "OTLP_BUSY: too many exports at once (Retry-After)")
    public Response export(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding) {
        Caller caller = callers.caller();
        if (caller.tenantId() == null && (caller.scopes() == null || !caller.scopes().contains(BatchResource.WRITE_SCOPE))) {
            throw new ApiException(403, "SCOPE_REQUIRED", "A service token needs the " + BatchResource.WRITE_SCOPE
                    + " scope to export spans");
        }
        boolean protobuf = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(PROTOBUF);
        TraceIngest.Outcome outcome = permits.with(() -> {
            byte[] bytes = OtlpBody.decode(body, contentEncoding, maxBody.asLongValue());
            return traces.export(caller, protobuf ? parseProtobuf(bytes) : parseJson(bytes));
        });
        return protobuf ? protobufAnswer(outcome) : jsonAnswer(outcome);
    }


    private static List<OtlpResourceSpans> parseProtobuf(byte[] bytes) {
        try {
            return ProtoSpans.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("MALFORMED_OTLP", "The body is not an OTLP ExportTraceServiceRequest in protobuf");
        }
    }

    private static List<OtlpResourceSpans> parseJson(byte[] bytes) {
        try {
            return JsonSpans.parse(bytes);
        } catch (MalformedOtlp e) {
            throw ApiException.badRequest("MALFORMED_OTLP", e.getMessage());
        }
    }

    private static Response protobufAnswer(TraceIngest.Outcome outcome) {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (outcome.rejected() > 0) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(outcome.rejected())
                    .setErrorMessage(outcome.errorMessage()));
        }
        return Response.ok(response.build().toByteArray(), PROTOBUF).build();
    }

    private static Response jsonAnswer(TraceIngest.Outcome outcome) {
        PartialSuccess partial = outcome.rejected() > 0
                ? new PartialSuccess(Integer.toString(outcome.rejected()), outcome.errorMessage()) : null;
        return Response.ok(new ExportResponse(partial), MediaType.APPLICATION_JSON).build();
    }
}
