package io.promptsuite.auth.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.token.TokenResponse;

class GrantHandlersTest {

    private record Fixed(String grantType, boolean enabled, TokenResponse answer) implements GrantHandler {

        @Override
        public TokenResponse handle(TokenRequest request) {
            return answer;
        }
    }

    private static final TokenResponse REFRESHED = new TokenResponse("a", "r", "Bearer", 300, null);
    private static final TokenResponse SERVICE = new TokenResponse("s", null, "Bearer", 300, "service");

    private final GrantHandlers handlers = new GrantHandlers(List.of(new Fixed("refresh_token", true, REFRESHED),
            new Fixed("client_credentials", true, SERVICE), new Fixed("password", false, null)));

    private static TokenRequest asking(String grantType) {
        return new TokenRequest(null, grantType == null ? Map.of() : Map.of("grant_type", grantType));
    }

    @Test
    void eachGrantTypeReachesItsOwnHandler() {
        assertSame(REFRESHED, handlers.handle(asking("refresh_token")));
        assertSame(SERVICE, handlers.handle(asking("client_credentials")));
    }

    @Test
    void aMissingGrantTypeIsInvalidRequest() {
        for (String missing : new String[] { null, "", "  " }) {
            OAuthException refused = assertThrows(OAuthException.class, () -> handlers.handle(asking(missing)));
            assertEquals("invalid_request", refused.error());
            assertEquals(400, refused.status());
        }
    }

    @Test
    void unknownAndDisabledGrantsAreUnsupported() {
        for (String grant : new String[] { "made_up", "password", "REFRESH_TOKEN", "authorization_code" }) {
            OAuthException refused = assertThrows(OAuthException.class, () -> handlers.handle(asking(grant)), grant);
            assertEquals("unsupported_grant_type", refused.error(), grant);
        }
    }

    @Test
    void onlyEnabledGrantsAreListedInAStableOrder() {
        assertEquals(List.of("client_credentials", "refresh_token"), handlers.enabledGrantTypes());
    }

    @Test
    void twoHandlersForOneGrantTypeAreAnError() {
        assertThrows(IllegalStateException.class, () -> new GrantHandlers(List.of(new Fixed("refresh_token", true, REFRESHED),
                new Fixed("refresh_token", true, SERVICE))));
    }
}
