package io.promptsuite.common.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every service's OpenAPI document must say the same way, because the wire does: both credentials (a bearer
 * JWT or an {@code X-API-Key}), and the one error envelope on every error answer. Operation-specific answers (201,
 * 304, 409, …) are declared on the resources; this filter adds the answers that shared mechanisms give any operation
 * (credentials, body limits, validation, unknown ids) so no document forgets them.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WireContractFilter implements OASFilter {

    public static final String BEARER = "bearer";
    public static final String API_KEY = "apiKey";
    public static final String ERROR_SCHEMA = "Error";

    /** The name Quarkus gives the requirement it derives from {@code @RolesAllowed}/{@code @Authenticated}. */
    private static final String DERIVED_REQUIREMENT = "SecurityScheme";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An access token from auth-service (RFC 9068, `typ: at+jwt`), or from the configured external issuer."));
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                .description("An API key of the tenant, for machines; shown once when created."));
        components.addSchema(ERROR_SCHEMA, errorSchema());
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            boolean hasPathParameter = path.getKey().contains("{");
            for (Operation operation : path.getValue().getOperations().values()) {
                describe(operation, hasPathParameter);
            }
        }
    }

    private static void describe(Operation operation, boolean hasPathParameter) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean secured = replaceDerivedRequirement(operation);
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (hasBody || hasParameters) {
            addIfAbsent(responses, "400", "The request is malformed or a field is invalid; `details` names each field.");
        }
        if (hasBody) {
            addIfAbsent(responses, "413", "The body is larger than the service accepts.");
            addIfAbsent(responses, "415", "The body is not of a media type this operation accepts.");
        }
        if (secured) {
            addIfAbsent(responses, "401", "No credentials, or credentials that are not valid (expired, revoked, unknown).");
            addIfAbsent(responses, "403", "The caller's role or scope does not allow this.");
            // Guessing API keys is rate limited per source, and an API key is checked by asking auth-service: while
            // it can't answer (or the limiter can't count), the key can't be accepted.
            addIfAbsent(responses, "429", "Too many unknown API keys from this source (TOO_MANY_UNKNOWN_API_KEYS); try again after Retry-After.");
            addIfAbsent(responses, "503", "The credential can't be checked right now (AUTH_UNAVAILABLE); try again after Retry-After.");
            for (String code : List.of("429", "503")) {
                responses.getAPIResponse(code).addHeader("Retry-After", OASFactory.createHeader()
                        .description("Seconds to wait before trying again.")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            }
        }
        if (hasPathParameter) {
            addIfAbsent(responses, "404", "No such object in the caller's tenant (another tenant's objects are not found either).");
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (isError(code) && response.getContent() == null && response.getRef() == null) {
                response.setContent(errorContent());
            }
        });
    }

    /** Quarkus names its derived requirement {@code SecurityScheme}; the wire accepts either credential. */
    private static boolean replaceDerivedRequirement(Operation operation) {
        List<SecurityRequirement> requirements = operation.getSecurity();
        if (requirements == null || requirements.isEmpty()) {
            return false;
        }
        List<SecurityRequirement> replaced = new ArrayList<>();
        for (SecurityRequirement requirement : requirements) {
            List<String> roles = requirement.getScheme(DERIVED_REQUIREMENT);
            if (roles == null) {
                replaced.add(requirement);
                continue;
            }
            replaced.add(OASFactory.createSecurityRequirement().addScheme(BEARER, List.copyOf(roles)));
            replaced.add(OASFactory.createSecurityRequirement().addScheme(API_KEY, List.copyOf(roles)));
        }
        operation.setSecurity(replaced);
        return true;
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(errorContent()));
        } else {
            APIResponse existing = responses.getAPIResponse(code);
            if (existing.getDescription() == null || existing.getDescription().isBlank()
                    || existing.getDescription().startsWith("Not ") || existing.getDescription().equals("Bad Request")) {
                existing.setDescription(description);
            }
        }
    }

    private static Content errorContent() {
        MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA));
        return OASFactory.createContent().addMediaType("application/json", json);
    }

    private static Schema errorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The one error envelope every service answers with.")
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("A stable, machine-readable code such as `PROMPT_NOT_FOUND`."))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What went wrong, for a person."))
                .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .addType(Schema.SchemaType.NULL)
                        .description("More about the error: for validation errors, `fields` lists each bad field."))
                .addProperty("request_id", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .addType(Schema.SchemaType.NULL)
                        .description("The request's id, as in the `X-Request-ID` header and the service's logs."))
                .required(List.of("code", "message"));
    }
}
