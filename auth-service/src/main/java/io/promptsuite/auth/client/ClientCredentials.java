package io.promptsuite.auth.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * What a request says about its client (RFC 6749 §2.3.1): HTTP Basic, whose halves are form-encoded, or the
 * {@code client_id} / {@code client_secret} form parameters. Basic wins when both are sent.
 *
 * @param clientId null when the request names no client
 * @param secret null for a public client, which names itself with {@code client_id} alone
 */
public record ClientCredentials(String clientId, String secret) {

    public static ClientCredentials of(String authorization, Map<String, String> form) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new ClientCredentials(form.get("client_id"), form.get("client_secret"));
        }
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
        try {
            return new ClientCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Malformed Basic credentials");
        }
    }

    public boolean namesAClient() {
        return clientId != null;
    }
}
