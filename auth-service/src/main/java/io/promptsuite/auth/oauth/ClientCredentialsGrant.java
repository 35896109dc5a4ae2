package io.promptsuite.auth.oauth;

import java.util.List;
import java.util.Map;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.GrantTypes;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.token.AccessTokenIssuer;
import io.promptsuite.auth.token.TokenResponse;
import io.promptsuite.auth.token.TokenSubject;
import io.promptsuite.common.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** RFC 6749 §4.4: a confidential client gets a service token for itself; no tenant, no refresh token. */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {

    @Inject
    ClientRegistry clients;

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    AuditLog audit;

    @Override
    public String grantType() {
        return GrantTypes.CLIENT_CREDENTIALS;
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        OAuthClient client = clients.authenticate(request.authorization(), request.form())
                .filter(OAuthClient::confidential)
                .orElseThrow(() -> {
                    String named = request.param("client_id");
                    audit.recordAlone(null, AuditType.CLIENT_AUTH_FAILED, named, null, named, null);
                    return OAuthException.invalidClient("client_credentials needs a confidential client");
                });
        if (!client.allows(GrantTypes.CLIENT_CREDENTIALS)) {
            throw new OAuthException(400, "unauthorized_client", "This client may not use client_credentials");
        }
        String scope = client.grantScope(request.param("scope"));
        String token = accessTokens.issue(new TokenSubject(client.clientId(), null, null, List.of(Roles.SERVICE), scope,
                client.clientId()));
        audit.record(null, AuditType.CLIENT_TOKEN_ISSUED, client.clientId(), null, client.clientId(), Map.of("scope", scope));
        return new TokenResponse(token, null, "Bearer", accessTokens.lifetimeSeconds(), scope);
    }
}
