package io.promptsuite.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicHalvesAreFormDecoded() {
        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined, so either may hold a colon.
        ClientCredentials parsed = ClientCredentials.of(basic("my%3Aclient:s%C3%A9cret%3A+x"), Map.of());
        assertEquals("my:client", parsed.clientId());
        assertEquals("sécret: x", parsed.secret());
    }

    @Test
    void theFirstColonSeparatesIdFromSecret() {
        ClientCredentials parsed = ClientCredentials.of(basic("svc:a:b"), Map.of());
        assertEquals("svc", parsed.clientId());
        assertEquals("a:b", parsed.secret());
    }

    @Test
    void basicWinsOverTheFormAndItsSchemeIsCaseInsensitive() {
        String header = "bAsIc " + Base64.getEncoder().encodeToString("svc:pw".getBytes(StandardCharsets.UTF_8));
        ClientCredentials parsed = ClientCredentials.of(header, Map.of("client_id", "other", "client_secret", "x"));
        assertEquals("svc", parsed.clientId());
        assertEquals("pw", parsed.secret());
    }

    @Test
    void withoutBasicTheFormSpeaks() {
        ClientCredentials post = ClientCredentials.of(null, Map.of("client_id", "svc", "client_secret", "pw"));
        assertEquals("svc", post.clientId());
        assertEquals("pw", post.secret());
        ClientCredentials publicClient = ClientCredentials.of("Bearer abc", Map.of("client_id", "pmctl"));
        assertEquals("pmctl", publicClient.clientId());
        assertNull(publicClient.secret());
        assertTrue(publicClient.namesAClient());
        assertFalse(ClientCredentials.of(null, Map.of()).namesAClient());
    }

    @Test
    void malformedBasicIsInvalidClient() {
        for (String header : new String[] { "Basic !!!", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()),
                basic("svc:%zz"), basic("svc%:pw") }) {
            OAuthException refused = assertThrows(OAuthException.class, () -> ClientCredentials.of(header, Map.of()), header);
            assertEquals(401, refused.status());
            assertEquals("invalid_client", refused.error());
        }
    }
}
