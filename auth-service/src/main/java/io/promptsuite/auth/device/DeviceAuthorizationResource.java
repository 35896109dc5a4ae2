package io.promptsuite.auth.device;

import java.util.LinkedHashMap;
import java.util.Map;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.openapi.Answers;
import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.GrantTypes;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.client.OAuthError;
import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.common.request.ClientAddress;
import io.promptsuite.common.security.RateLimiter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** RFC 8628 §3.1: a device (the CLI) asks for a device code and a user code. */
@Path("/oauth/device_authorization")
@Tag(name = "oauth")
public class DeviceAuthorizationResource {

    @Inject
    ClientRegistry clients;

    @Inject
    DeviceFlowService devices;

    @Inject
    RateLimiter limiter;

    @Inject
    ClientAddress addresses;

    @Inject
    AuthConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the device flow: a device code to poll with, a user code to approve (RFC 8628)")
    @APIResponse(responseCode = "200", description = "The codes and where the person approves.",
            content = @Content(schema = @Schema(implementation = DeviceFlowService.Started.class)))
    @APIResponse(responseCode = "400", description = "This client may not use the device flow (`unauthorized_client`), "
            + "or the scope is not allowed (`invalid_scope`).",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = Answers.OAUTH_INVALID_CLIENT,
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "429",
            description = "Too many device authorizations from this address (`TOO_MANY_DEVICE_AUTHORIZATIONS`).",
            headers = @Header(name = Answers.RETRY_AFTER, description = Answers.RETRY_AFTER_SECONDS,
                    schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "503",
            description = "The rate limit can't be checked while Redis is unreachable (`RATE_LIMIT_UNAVAILABLE`).",
            headers = @Header(name = Answers.RETRY_AFTER, description = Answers.RETRY_AFTER_SECONDS,
                    schema = @Schema(type = SchemaType.INTEGER)))
    public Response start(@HeaderParam("Authorization") String authorization, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        if (clientId != null) {
            form.put("client_id", clientId);
        }
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        OAuthClient client = clients.authenticate(authorization, form)
                .orElseThrow(() -> OAuthException.invalidClient("client_id is required"));
        if (!client.allows(GrantTypes.DEVICE_CODE)) {
            throw new OAuthException(400, "unauthorized_client", "This client may not use the device flow");
        }
        // Each request stores a pending authorization and a user code: bounded per (client, source address).
        AuthConfig.RateLimits limits = config.rateLimits();
        limiter.takeOrThrow("auth", "device-authorization:" + client.clientId() + ":" + addresses.current(),
                new RateLimiter.Limit(limits.deviceAuthorizations(), limits.deviceAuthorizationsPeriod()),
                "TOO_MANY_DEVICE_AUTHORIZATIONS", "Too many device authorizations from this address; retry later");
        DeviceFlowService.Started started = devices.start(client, client.grantScope(scope));
        // The record's names, in snake_case, are RFC 8628 §3.2's.
        return Response.ok(started).header("Cache-Control", "no-store").build();
    }
}
