package io.promptsuite.auth.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.common.security.ApiKeyHashes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Clients from configuration first, then those a platform admin registered. */
@ApplicationScoped
public class ClientRegistry {

    @Inject
    AuthConfig config;

    @Inject
    ServiceClientRepository stored;

    public Optional<OAuthClient> find(String clientId) {
        if (clientId == null || clientId.isBlank() || clientId.length() > 100) {
            return Optional.empty();
        }
        AuthConfig.Client configured = config.clients().get(clientId);
        if (configured != null) {
            String secretHash = configured.secret().filter(s -> !s.isBlank()).map(ApiKeyHashes::sha256).orElse(null);
            // A service client whose secret was not provided is switched off rather than left open.
            if (secretHash == null && configured.grantTypes().contains("client_credentials")) {
                return Optional.empty();
            }
            return Optional.of(new OAuthClient(clientId, configured.name().orElse(clientId), secretHash,
                    configured.grantTypes(), configured.scopes()));
        }
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(stored.findById(clientId)))
                .filter(client -> !client.disabled)
                .map(client -> new OAuthClient(client.clientId, client.name, client.secretHash,
                        List.of("client_credentials"), List.of(client.scopes.split(" "))));
    }

    /**
     * The client of a token-endpoint request, authenticated by HTTP Basic or form credentials (RFC 6749 §2.3.1).
     * Public clients name themselves with client_id alone.
     */
    public Optional<OAuthClient> authenticate(String authorization, Map<String, String> form) {
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw OAuthException.invalidClient("Malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthException.invalidClient("Malformed Basic credentials");
            }
            clientId = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
        if (clientId == null) {
            return Optional.empty();
        }
        OAuthClient client = find(clientId).orElseThrow(() -> OAuthException.invalidClient("Unknown client or wrong secret"));
        if (client.confidential()) {
            if (secret == null || !MessageDigest.isEqual(client.secretHash().getBytes(StandardCharsets.US_ASCII),
                    ApiKeyHashes.sha256(secret).getBytes(StandardCharsets.US_ASCII))) {
                throw OAuthException.invalidClient("Unknown client or wrong secret");
            }
        } else if (secret != null) {
            throw OAuthException.invalidClient("This client is public and has no secret");
        }
        return Optional.of(client);
    }
}
