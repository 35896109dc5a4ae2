package io.promptsuite.prompt.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's prompts as YAML, and back. */
@Path("/api/v1/prompts")
@Tag(name = "transfer")
public class TransferResource {

    static final String YAML = "application/yaml";

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    TransferService service;

    @Inject
    CallerContext callers;

    @GET
    @Path("/export")
    @Produces(YAML)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Export the tenant's prompts, versions and labels as one YAML document")
    @APIResponse(responseCode = "200", description = "The export document",
            content = @Content(mediaType = "application/yaml", schema = @Schema(implementation = TransferDtos.Document.class)),
            headers = @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING)))
    public Response export() {
        try {
            String yaml = MAPPER.writeValueAsString(service.export(callers.caller()));
            return Response.ok(yaml, YAML + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"prompts-" + callers.caller().tenantSlug() + ".yaml\"")
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code dry_run=true} (the default) answers the plan; {@code false} applies it, or answers 409 with it. */
    @POST
    @Path("/import")
    @Consumes({ YAML, "application/x-yaml", "text/yaml", "text/plain", MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Import an export document: plan it (dry_run, the default) or apply it")
    @APIResponse(responseCode = "409", description = "Applying would conflict with what the tenant has (IMPORT_CONFLICTS); details carry the plan",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "422", description = "A version in the document would cost more to render than a render may spend (TEMPLATE_TOO_COMPLEX)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "200", description = "The plan, applied or not",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferDtos.Plan.class)))
    public TransferDtos.Plan importYaml(String body, @QueryParam("dry_run") @DefaultValue("true") boolean dryRun) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("INVALID_IMPORT", "The body is an export document (YAML)");
        }
        TransferDtos.Document document;
        try {
            document = MAPPER.readValue(body, TransferDtos.Document.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw ApiException.badRequest("INVALID_IMPORT", "Unknown field '" + e.getPropertyName() + "' in the document");
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = path(e);
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ApiException(400, "INVALID_IMPORT", "Field '" + field + "' has a value of the wrong type"
                    + (line > 0 ? " (line " + line + ")" : ""),
                    java.util.Map.of("fields", java.util.List.of(new io.promptsuite.common.error.FieldError(field, "wrong type"))));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw ApiException.badRequest("INVALID_IMPORT", "The document is not valid YAML" + (line > 0 ? " (line " + line + ")" : ""));
        }
        return service.importDocument(callers.caller(), document, !dryRun);
    }

    /** Where in the document a value was of the wrong type: {@code prompts[1].versions[0].version}. */
    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(document)" : path.toString();
    }
}
