package io.promptsuite.prompt.events;

import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * When the bearer token behind a stream expires. The token was verified (signature, exp, …) before the request got
 * here; this only reads its {@code exp} claim again to know when the stream must end.
 */
final class TokenExpiry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenExpiry() {
    }

    /** The expiry, or now when the header holds no readable token (the stream then ends at once). */
    static Instant of(String authorization) {
        try {
            String token = authorization.substring(authorization.indexOf(' ') + 1).trim();
            String[] parts = token.split("\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return Instant.ofEpochSecond(claims.get("exp").asLong());
        } catch (Exception e) {
            return Instant.now();
        }
    }
}
