package io.promptsuite.auth.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.client.OAuthError;
import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.openapi.Answers;
import io.promptsuite.auth.token.SessionService;
import io.promptsuite.auth.token.TokenResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The OAuth 2.0 surface: token (RFC 6749, 8628), revocation (RFC 7009), introspection (RFC 7662). */
@Path("/oauth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Tag(name = "oauth",
        description = "OAuth 2.0 for machines and the CLI: tokens, revocation, introspection, the device flow.")
public class OAuthResource {

    /** The token endpoint's form: which fields count depends on {@code grant_type}. */
    @Schema(name = "TokenForm", requiredProperties = "grant_type")
    record TokenForm(
            @Schema(description = "`refresh_token`, `client_credentials`, `urn:ietf:params:oauth:grant-type:device_code`, "
                    + "or `password` where enabled.") String grantType,
            @Schema(description = "For `refresh_token`.") String refreshToken,
            @Schema(description = "For the device-code grant.") String deviceCode,
            @Schema(description = "Names the client unless HTTP Basic does.") String clientId,
            @Schema(description = "A confidential client's secret, unless HTTP Basic carries it.") String clientSecret,
            @Schema(description = "Space-separated scopes asked for.") String scope,
            @Schema(description = "For `password`: the tenant's slug.") String tenant,
            @Schema(description = "For `password`: the user's email.") String username,
            @Schema(description = "For `password`.") String password) {
    }

    /** RFC 7009 and RFC 7662 forms: the token, and the client unless HTTP Basic names it. */
    @Schema(name = "TokenOfClientForm", requiredProperties = "token")
    record TokenOfClientForm(String token,
            @Schema(description = "`access_token` or `refresh_token`; a hint only.") String tokenTypeHint,
            String clientId, String clientSecret) {
    }

    /** RFC 7662 §2.2: {@code active} alone for a token that is not (or no longer) valid. */
    @Schema(name = "Introspection", requiredProperties = "active")
    record Introspection(boolean active,
            @Schema(description = "`access_token`, `refresh_token` or `api_key`.") String tokenType,
            String sub, @Schema(nullable = true) String clientId,
            @Schema(nullable = true, description = "The tenant id; null for a service client.") String tid,
            @Schema(nullable = true, description = "The tenant slug.") String tenant,
            List<String> groups, @Schema(nullable = true) String scope, String jti,
            @Schema(description = "The API key's id, for API keys.") String keyId, String iss,
            @Schema(description = "One audience, or several.", anyOf = { String.class, String[].class }) Object aud,
            @Schema(nullable = true, description = "Issued at, seconds since the epoch.") Long iat,
            @Schema(description = "Expires at, seconds since the epoch.") Long exp) {
    }

    @Inject
    GrantHandlers grants;

    @Inject
    ClientRegistry clients;

    @Inject
    SessionService sessions;

    @Inject
    TokenIntrospector introspector;

    @POST
    @Path("/token")
    @Operation(summary = "Get tokens: refresh, client credentials, device code, or password where enabled")
    @RequestBody(content = @Content(mediaType = Answers.OAUTH_FORM, schema = @Schema(implementation = TokenForm.class)))
    @APIResponse(responseCode = "200", description = "The tokens (RFC 6749 §5.1).",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = Answers.OAUTH_BAD_REQUEST,
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = Answers.OAUTH_INVALID_CLIENT,
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "429", description = "The password grant only: " + Answers.SIGN_IN_LOCKED,
            headers = @Header(name = Answers.RETRY_AFTER, description = Answers.RETRY_AFTER_SECONDS,
                    schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "503", description = "The password grant only: " + Answers.SIGN_IN_UNAVAILABLE,
            headers = @Header(name = Answers.RETRY_AFTER, description = Answers.RETRY_AFTER_SECONDS,
                    schema = @Schema(type = SchemaType.INTEGER)))
    public Response token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> rawForm) {
        return noStore(Response.ok(grants.handle(new TokenRequest(authorization, single(rawForm)))));
    }

    /**
     * RFC 7009: the client authenticates like at the token endpoint (a public client names itself with client_id), and
     * only a refresh token issued to it ends its family. Access tokens expire on their own within minutes. Whatever
     * the token, the answer is 200.
     */
    @POST
    @Path("/revoke")
    @Operation(summary = "Revoke a refresh token of the presenting client (RFC 7009)")
    @RequestBody(content = @Content(mediaType = Answers.OAUTH_FORM,
            schema = @Schema(implementation = TokenOfClientForm.class)))
    @APIResponse(responseCode = "200", description = "Done, whatever the token was; the body is empty.")
    @APIResponse(responseCode = "400", description = Answers.OAUTH_NO_TOKEN,
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = Answers.OAUTH_INVALID_CLIENT,
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    public RestResponse<Void> revoke(@HeaderParam("Authorization") String authorization,
            MultivaluedMap<String, String> rawForm) {
        Map<String, String> form = single(rawForm);
        OAuthClient client = clients.authenticate(authorization, form).orElseThrow(() -> OAuthException.invalidClient(
                "Name the client: HTTP Basic or client_id and client_secret, or client_id alone for a public client"));
        String token = form.get("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("token is required");
        }
        sessions.revoke(token, client.clientId());
        // RestResponse<Void>: the document then says what the wire does, a 200 without a body.
        return RestResponse.ResponseBuilder.<Void>ok().header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .build();
    }

    @POST
    @Path("/introspect")
    @Operation(summary = "Describe a token or API key, for service clients (RFC 7662)")
    @RequestBody(content = @Content(mediaType = Answers.OAUTH_FORM,
            schema = @Schema(implementation = TokenOfClientForm.class)))
    @APIResponse(responseCode = "200", description = "Whether the token is active, and if so what it carries.",
            content = @Content(schema = @Schema(implementation = Introspection.class)))
    @APIResponse(responseCode = "400", description = Answers.OAUTH_NO_TOKEN,
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = Answers.OAUTH_INVALID_CLIENT,
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    public Response introspect(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> rawForm) {
        Map<String, String> form = single(rawForm);
        clients.authenticate(authorization, form)
                .filter(OAuthClient::confidential)
                .orElseThrow(() -> OAuthException.invalidClient("Introspection is for authenticated service clients"));
        String token = form.get("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("token is required");
        }
        return noStore(Response.ok(introspector.describe(token.trim())));
    }

    /** A form parameter given twice is refused (RFC 6749 §3.1). */
    static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form == null) {
            return values;
        }
        form.forEach((name, list) -> {
            if (list.size() > 1) {
                throw OAuthException.invalidRequest("Parameter " + name + " is repeated");
            }
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        return values;
    }

    static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
