package io.promptsuite.auth.device;

import java.util.LinkedHashMap;
import java.util.Map;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.GrantTypes;
import io.promptsuite.auth.client.OAuthClient;
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_code", started.deviceCode());
        body.put("user_code", started.userCode());
        body.put("verification_uri", started.verificationUri());
        body.put("verification_uri_complete", started.verificationUriComplete());
        body.put("expires_in", started.expiresIn());
        body.put("interval", started.interval());
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
