package io.promptsuite.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScopeGrantTest {

    private static final List<String> SERVICE = List.of("service", "stats.write");

    @Test
    void askingForNothingGrantsAllOfTheClientsScopes() {
        assertEquals("service stats.write", ScopeGrant.grant(SERVICE, null));
        assertEquals("service stats.write", ScopeGrant.grant(SERVICE, ""));
        assertEquals("service stats.write", ScopeGrant.grant(SERVICE, " \t "));
    }

    @Test
    void aSubsetIsGrantedExactlyInTheOrderAsked() {
        assertEquals("stats.write", ScopeGrant.grant(SERVICE, "stats.write"));
        assertEquals("stats.write service", ScopeGrant.grant(SERVICE, "stats.write service"));
    }

    @Test
    void repeatsAndOddSpacingCollapse() {
        assertEquals("service stats.write", ScopeGrant.grant(SERVICE, "  service\tservice   stats.write \n"));
    }

    @Test
    void oneScopeTheClientLacksRefusesTheWholeRequest() {
        OAuthException refused = assertThrows(OAuthException.class, () -> ScopeGrant.grant(SERVICE, "service admin"));
        assertEquals(400, refused.status());
        assertEquals("invalid_scope", refused.error());
    }

    @Test
    void scopesMatchWholeAndCaseSensitively() {
        // RFC 6749 §3.3: scope tokens are case-sensitive strings; neither a prefix nor another case is the same scope.
        for (String near : new String[] { "Service", "stats", "stats.write.all", "service,stats.write" }) {
            assertThrows(OAuthException.class, () -> ScopeGrant.grant(SERVICE, near), near);
        }
    }

    @Test
    void aClientWithoutScopesGetsNoneAndCanAskForNone() {
        assertEquals("", ScopeGrant.grant(List.of(), null));
        assertThrows(OAuthException.class, () -> ScopeGrant.grant(List.of(), "openid"));
    }

    @Test
    void theClientRecordGrantsThroughTheSameRule() {
        OAuthClient cli = new OAuthClient("pmctl", "CLI", null, List.of(GrantTypes.DEVICE_CODE),
                List.of("openid", "prompts", "stats", "sql"));
        assertEquals("prompts sql", cli.grantScope("prompts sql"));
        assertEquals("openid prompts stats sql", cli.grantScope(null));
    }
}
