package io.promptsuite.auth.oauth;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.promptsuite.auth.apikey.ApiKeyService;
import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.device.DeviceFlowService;
import io.promptsuite.auth.login.LoginService;
import io.promptsuite.auth.token.AccessTokenIssuer;
import io.promptsuite.auth.token.SessionService;
import io.promptsuite.auth.token.TokenResponse;
import io.promptsuite.auth.token.TokenSubject;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.AccessTokenVerifier;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The OAuth 2.0 surface: token (RFC 6749, 8628), revocation (RFC 7009), introspection (RFC 7662). */
@Path("/oauth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Tag(name = "oauth")
public class OAuthResource {

    @Inject
    AuthConfig config;

    @Inject
    ClientRegistry clients;

    @Inject
    SessionService sessions;

    @Inject
    LoginService logins;

    @Inject
    DeviceFlowService devices;

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    AuditLog audit;

    @POST
    @Path("/token")
    public Response token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> rawForm) {
        Map<String, String> form = single(rawForm);
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        TokenResponse tokens = switch (grantType) {
            case "refresh_token" -> refresh(authorization, form);
            case "client_credentials" -> clientCredentials(authorization, form);
            case OAuthClient.DEVICE_CODE_GRANT -> deviceCode(authorization, form);
            case "password" -> {
                if (!config.tokens().passwordGrantEnabled()) {
                    throw new OAuthException(400, "unsupported_grant_type", "The password grant is disabled");
                }
                yield password(authorization, form);
            }
            default -> throw new OAuthException(400, "unsupported_grant_type", "Unsupported grant_type");
        };
        return noStore(Response.ok(tokens));
    }

    @POST
    @Path("/revoke")
    public Response revoke(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> rawForm) {
        Map<String, String> form = single(rawForm);
        clients.authenticate(authorization, form);
        String token = form.get("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("token is required");
        }
        // Access tokens expire on their own within minutes; a refresh token ends its whole login. Unknown: still 200.
        sessions.logout(token);
        return noStore(Response.ok());
    }

    @POST
    @Path("/introspect")
    public Response introspect(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> rawForm) {
        Map<String, String> form = single(rawForm);
        OAuthClient client = clients.authenticate(authorization, form)
                .filter(OAuthClient::confidential)
                .orElseThrow(() -> OAuthException.invalidClient("Introspection is for authenticated service clients"));
        String token = form.get("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("token is required");
        }
        return noStore(Response.ok(describe(token.trim(), client)));
    }

    private Map<String, Object> describe(String token, OAuthClient asker) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (token.startsWith(ApiKeyService.KEY_PREFIX)) {
            apiKeys.verify(token).ifPresent(verified -> {
                answer.put("active", true);
                answer.put("token_type", "api_key");
                answer.put("sub", verified.key().createdBy.toString());
                answer.put("tid", verified.key().tenantId.toString());
                answer.put("tenant", verified.tenant().slug);
                answer.put("groups", List.of(verified.role()));
                answer.put("key_id", verified.key().id.toString());
                if (verified.key().expiresAt != null) {
                    answer.put("exp", verified.key().expiresAt.toEpochSecond());
                }
            });
        } else if (token.chars().filter(c -> c == '.').count() == 2) {
            try {
                Caller caller = verifier.verify(token);
                answer.put("active", true);
                answer.put("token_type", "access_token");
                answer.put("sub", caller.userId());
                answer.put("client_id", caller.clientId());
                answer.put("tid", caller.tenantId());
                answer.put("tenant", caller.tenantSlug());
                answer.put("groups", caller.roles());
                answer.put("scope", String.join(" ", caller.scopes()));
                answer.put("jti", caller.credentialId());
            } catch (AuthenticationFailedException rejected) {
                answer.clear();
            }
        } else {
            sessions.active(token).ifPresent(refresh -> {
                answer.put("active", true);
                answer.put("token_type", "refresh_token");
                answer.put("sub", refresh.userId.toString());
                answer.put("client_id", refresh.clientId);
                answer.put("tid", refresh.tenantId.toString());
                answer.put("exp", refresh.expiresAt.toEpochSecond());
            });
        }
        if (answer.isEmpty()) {
            return Map.of("active", false);
        }
        answer.values().removeIf(java.util.Objects::isNull);
        return answer;
    }

    private TokenResponse refresh(String authorization, Map<String, String> form) {
        Optional<OAuthClient> client = clients.authenticate(authorization, form);
        String refreshToken = form.get("refresh_token");
        if (refreshToken == null || refreshToken.isBlank()) {
            throw OAuthException.invalidRequest("refresh_token is required");
        }
        try {
            return sessions.refresh(refreshToken, client.map(OAuthClient::clientId).orElse(null));
        } catch (ApiException e) {
            throw OAuthException.invalidGrant(e.getMessage());
        }
    }

    private TokenResponse clientCredentials(String authorization, Map<String, String> form) {
        OAuthClient client = clients.authenticate(authorization, form)
                .filter(OAuthClient::confidential)
                .orElseThrow(() -> {
                    audit.recordAlone(null, AuditType.CLIENT_AUTH_FAILED, form.get("client_id"), null, form.get("client_id"), null);
                    return OAuthException.invalidClient("client_credentials needs a confidential client");
                });
        if (!client.allows("client_credentials")) {
            throw new OAuthException(400, "unauthorized_client", "This client may not use client_credentials");
        }
        String scope = grantedScope(client, form.get("scope"));
        String token = accessTokens.issue(new TokenSubject(client.clientId(), null, null, List.of(Roles.SERVICE), scope,
                client.clientId()));
        audit.record(null, AuditType.CLIENT_TOKEN_ISSUED, client.clientId(), null, client.clientId(), Map.of("scope", scope));
        return new TokenResponse(token, null, "Bearer", accessTokens.lifetimeSeconds(), scope);
    }

    private TokenResponse deviceCode(String authorization, Map<String, String> form) {
        OAuthClient client = clients.authenticate(authorization, form)
                .orElseThrow(() -> OAuthException.invalidClient("client_id is required"));
        if (!client.allows(OAuthClient.DEVICE_CODE_GRANT)) {
            throw new OAuthException(400, "unauthorized_client", "This client may not use the device flow");
        }
        return devices.poll(client, form.get("device_code"));
    }

    private TokenResponse password(String authorization, Map<String, String> form) {
        OAuthClient client = clients.authenticate(authorization, form)
                .orElseThrow(() -> OAuthException.invalidClient("client_id is required"));
        if (!client.allows("password")) {
            throw new OAuthException(400, "unauthorized_client", "This client may not use the password grant");
        }
        String tenant = form.get("tenant");
        String username = form.get("username");
        String password = form.get("password");
        if (tenant == null || username == null || password == null) {
            throw OAuthException.invalidRequest("tenant, username and password are required");
        }
        try {
            LoginService.Authenticated who = logins.authenticate(tenant, username, password);
            return sessions.start(who.user(), who.tenant(), client.clientId(), grantedScope(client, form.get("scope")));
        } catch (ApiException e) {
            if (e.status() == 503 || e.status() == 429) {
                throw e;
            }
            throw OAuthException.invalidGrant("Invalid credentials");
        }
    }

    /** The requested scopes the client may have; all of its scopes when none are asked for. */
    static String grantedScope(OAuthClient client, String requested) {
        if (requested == null || requested.isBlank()) {
            return String.join(" ", client.scopes());
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        if (!client.scopes().containsAll(asked)) {
            throw new OAuthException(400, "invalid_scope", "Scope not allowed for this client");
        }
        return String.join(" ", asked);
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
