package io.promptsuite.auth.oauth;

import java.util.Optional;

import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.GrantTypes;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.token.SessionService;
import io.promptsuite.auth.token.TokenResponse;
import io.promptsuite.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * RFC 6749 §6: spends a refresh token for a new pair. A named client must be the one the token was issued to; without
 * a client name the token alone decides, as for the web API's refresh.
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {

    @Inject
    ClientRegistry clients;

    @Inject
    SessionService sessions;

    @Override
    public String grantType() {
        return GrantTypes.REFRESH_TOKEN;
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        Optional<OAuthClient> client = clients.authenticate(request.authorization(), request.form());
        String refreshToken = request.param("refresh_token");
        if (refreshToken == null || refreshToken.isBlank()) {
            throw OAuthException.invalidRequest("refresh_token is required");
        }
        try {
            return sessions.refresh(refreshToken, client.map(OAuthClient::clientId).orElse(null));
        } catch (ApiException e) {
            throw OAuthException.invalidGrant(e.getMessage());
        }
    }
}
