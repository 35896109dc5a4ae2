package io.promptsuite.auth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    /** Whether a configured client authenticates with client_id alone (the CLI): then "none" is an auth method. */
    public boolean publicClientsExist() {
        return config.clients().keySet().stream().map(this::find).flatMap(Optional::stream).anyMatch(c -> !c.confidential());
    }

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
     * The client of an OAuth request, authenticated by HTTP Basic or form credentials (RFC 6749 §2.3.1); empty when the
     * request names no client. Public clients name themselves with client_id alone; a secret sent for one is refused.
     */
    public Optional<OAuthClient> authenticate(String authorization, Map<String, String> form) {
        ClientCredentials credentials = ClientCredentials.of(authorization, form);
        if (!credentials.namesAClient()) {
            return Optional.empty();
        }
        OAuthClient client = find(credentials.clientId())
                .orElseThrow(() -> OAuthException.invalidClient("Unknown client or wrong secret"));
        String secret = credentials.secret();
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
