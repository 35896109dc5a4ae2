package io.promptsuite.auth.oauth;

import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.GrantTypes;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.login.LoginService;
import io.promptsuite.auth.token.SessionService;
import io.promptsuite.auth.token.TokenResponse;
import io.promptsuite.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * RFC 6749 §4.3, the resource-owner password grant: off unless {@code auth.tokens.password-grant-enabled} (RFC 9700
 * deprecates it), and then only for clients that list it. It signs in exactly like the login API, lockout included.
 */
@ApplicationScoped
public class PasswordGrant implements GrantHandler {

    @Inject
    AuthConfig config;

    @Inject
    ClientRegistry clients;

    @Inject
    LoginService logins;

    @Inject
    SessionService sessions;

    @Override
    public String grantType() {
        return GrantTypes.PASSWORD;
    }

    @Override
    public boolean enabled() {
        return config.tokens().passwordGrantEnabled();
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        OAuthClient client = clients.authenticate(request.authorization(), request.form())
                .orElseThrow(() -> OAuthException.invalidClient("client_id is required"));
        if (!client.allows(GrantTypes.PASSWORD)) {
            throw new OAuthException(400, "unauthorized_client", "This client may not use the password grant");
        }
        String tenant = request.param("tenant");
        String username = request.param("username");
        String password = request.param("password");
        if (tenant == null || username == null || password == null) {
            throw OAuthException.invalidRequest("tenant, username and password are required");
        }
        try {
            LoginService.Authenticated who = logins.authenticate(tenant, username, password);
            return sessions.start(who.user(), who.tenant(), client.clientId(), client.grantScope(request.param("scope")));
        } catch (ApiException e) {
            // Busy and rate-limited stay what they are, so the client knows to retry; everything else is one answer.
            if (e.status() == 503 || e.status() == 429) {
                throw e;
            }
            throw OAuthException.invalidGrant("Invalid credentials");
        }
    }
}
