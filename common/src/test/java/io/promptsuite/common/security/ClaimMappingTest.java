package io.promptsuite.common.security;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.promptsuite.common.error.ApiException;
import io.quarkus.security.AuthenticationFailedException;

class ClaimMappingTest {

    static final String TENANT = "5b0f3c1e-8d4a-4c57-9f5e-0a1c2b3d4e5f";

    /** Keycloak's shape: roles under realm_access, tenant claims from protocol mappers, client in azp. */
    static final ClaimMapping KEYCLOAK = new ClaimMapping("sub", "tenant_id", "tenant_slug", "realm_access.roles",
            "scope", "azp", List.of("Bearer"));

    static Map<String, Object> suiteToken() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "user-1");
        claims.put("tid", TENANT);
        claims.put("tenant", "acme");
        claims.put("groups", List.of("editor"));
        claims.put("scope", "prompts:read prompts:write");
        claims.put("client_id", "pmctl");
        claims.put("jti", "jti-1");
        return claims;
    }

    static Map<String, Object> keycloakToken() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "58c332b9-f789-43c2-8394-6827dfda28d2");
        claims.put("typ", "Bearer");
        claims.put("azp", "prompt-suite");
        claims.put("tenant_id", TENANT);
        claims.put("tenant_slug", "acme");
        claims.put("realm_access", Map.of("roles", List.of("viewer", "offline_access")));
        claims.put("scope", "profile email");
        claims.put("jti", "onrtro:450d0554");
        return claims;
    }

    static AuthenticationFailedException refused(ClaimMapping mapping, Map<String, Object> claims) {
        return assertThrows(AuthenticationFailedException.class, () -> mapping.caller(claims));
    }

    static void assertRefused(String code, String messagePart, AuthenticationFailedException e) {
        assertEquals(401, (Integer) e.getAttribute("suite.status"));
        assertEquals(code, e.getAttribute("suite.code"));
        String message = e.getAttribute("suite.message");
        assertTrue(message.contains(messagePart), message);
    }

    @Test
    void theSuitesOwnTokenMapsAsBefore() {
        Caller caller = ClaimMapping.SUITE.caller(suiteToken());
        assertEquals(new Caller("user-1", TENANT, "acme", List.of("editor"), Set.of("prompts:read", "prompts:write"),
                "pmctl", Caller.Via.TOKEN, "jti-1"), caller);
        assertTrue(caller.has(Roles.VIEWER));
    }

    @Test
    void aUserIdLongerThanTheServicesStoreIsRefused() {
        Map<String, Object> claims = keycloakToken();
        claims.put("sub", "f:" + "c".repeat(36) + ":" + "u".repeat(62));
        assertRefused(ClaimMapping.INVALID, "longer than 100", refused(KEYCLOAK, claims));
        claims.put("sub", "u".repeat(100));
        assertEquals("u".repeat(100), KEYCLOAK.caller(claims).userId());
    }

    @Test
    void aKeycloakTokenMapsThroughNestedRolesAndRenamedClaims() {
        Caller caller = KEYCLOAK.caller(keycloakToken());
        assertEquals("58c332b9-f789-43c2-8394-6827dfda28d2", caller.userId());
        assertEquals(TENANT, caller.tenant().toString());
        assertEquals("acme", caller.tenantSlug());
        assertEquals(List.of("viewer", "offline_access"), caller.roles());
        assertEquals(Set.of("profile", "email"), caller.scopes());
        assertEquals("prompt-suite", caller.clientId());
    }

    @Test
    void aClaimNamedWithDotsIsFoundByItsWholeNameFirst() {
        ClaimMapping namespaced = new ClaimMapping("sub", "https://example.com/tenant_id", "https://example.com/tenant",
                "groups", "scope", "client_id", List.of());
        Map<String, Object> claims = suiteToken();
        claims.put("https://example.com/tenant_id", TENANT);
        claims.put("https://example.com/tenant", "acme");
        assertEquals("acme", namespaced.caller(claims).tenantSlug());
    }

    @Test
    void aTokenWithoutTenantIsACallerOfNoTenantWhomTenantEndpointsForbid() {
        Map<String, Object> claims = suiteToken();
        claims.remove("tid");
        claims.remove("tenant");
        Caller caller = ClaimMapping.SUITE.caller(claims);
        assertNull(caller.tenantId());
        assertNull(caller.tenantSlug());
        ApiException forbidden = assertThrows(ApiException.class, caller::tenant);
        assertEquals(403, forbidden.status());
    }

    @Test
    void aTenantIdWithoutItsSlugIsRefused() {
        Map<String, Object> claims = keycloakToken();
        claims.remove("tenant_slug");
        assertRefused(ClaimMapping.MISSING, "'tenant_slug'", refused(KEYCLOAK, claims));
        claims.put("tenant_slug", "  ");
        assertRefused(ClaimMapping.INVALID, "'tenant_slug'", refused(KEYCLOAK, claims));
        claims.put("tenant_slug", List.of("acme"));
        assertRefused(ClaimMapping.INVALID, "'tenant_slug'", refused(KEYCLOAK, claims));
    }

    @Test
    void aTenantSlugMustFollowTheSuitesSlugRule() {
        // Services store the slug in a 63-character column and match it in URLs: the rule auth-service gives slugs.
        for (String notASlug : List.of("Acme", "acme corp", "acme/x", "-acme", "acme-", "a".repeat(64))) {
            Map<String, Object> claims = keycloakToken();
            claims.put("tenant_slug", notASlug);
            assertRefused(ClaimMapping.INVALID, "'tenant_slug'", refused(KEYCLOAK, claims));
        }
        Map<String, Object> claims = keycloakToken();
        claims.put("tenant_slug", "a".repeat(63));
        assertEquals("a".repeat(63), KEYCLOAK.caller(claims).tenantSlug());
        claims.put("tenant_slug", "acme-2");
        assertEquals("acme-2", KEYCLOAK.caller(claims).tenantSlug());
    }

    @Test
    void aTenantIdThatIsNoUuidIsRefused() {
        for (Object notAnId : List.<Object>of("acme", "1-2-3-4-5", 42L, List.of(TENANT), Map.of("id", TENANT))) {
            Map<String, Object> claims = keycloakToken();
            claims.put("tenant_id", notAnId);
            assertRefused(ClaimMapping.INVALID, "'tenant_id'", refused(KEYCLOAK, claims));
        }
    }

    @Test
    void anUpperCaseTenantIdIsTheSameTenant() {
        Map<String, Object> claims = keycloakToken();
        claims.put("tenant_id", TENANT.toUpperCase());
        assertEquals(TENANT, KEYCLOAK.caller(claims).tenantId());
    }

    @Test
    void rolesMustBeAListOfNames() {
        for (Object notRoles : List.<Object>of("admin", List.of("editor", 7L), List.of(""), Map.of("admin", true))) {
            Map<String, Object> claims = keycloakToken();
            claims.put("realm_access", Map.of("roles", notRoles));
            assertRefused(ClaimMapping.INVALID, "'realm_access.roles'", refused(KEYCLOAK, claims));
        }
    }

    @Test
    void noRolesClaimMeansNoRoles() {
        Map<String, Object> claims = keycloakToken();
        claims.remove("realm_access");
        assertEquals(List.of(), KEYCLOAK.caller(claims).roles());
    }

    @Test
    void scopesComeAsAStringOrAList() {
        Map<String, Object> claims = suiteToken();
        claims.put("scope", List.of("a", "b"));
        assertEquals(Set.of("a", "b"), ClaimMapping.SUITE.caller(claims).scopes());
        claims.put("scope", " ");
        assertEquals(Set.of(), ClaimMapping.SUITE.caller(claims).scopes());
        claims.put("scope", 3L);
        assertRefused(ClaimMapping.INVALID, "'scope'", refused(ClaimMapping.SUITE, claims));
    }

    @Test
    void aTokenWithoutItsUserIsRefused() {
        Map<String, Object> claims = suiteToken();
        claims.remove("sub");
        assertRefused(ClaimMapping.MISSING, "'sub'", refused(ClaimMapping.SUITE, claims));
        claims.put("sub", 12L);
        assertRefused(ClaimMapping.INVALID, "'sub'", refused(ClaimMapping.SUITE, claims));
    }

    @Test
    void aPinnedPayloadTypRefusesIdTokensAndUntypedTokens() {
        Map<String, Object> idToken = keycloakToken();
        idToken.put("typ", "ID");
        assertRefused("TOKEN_INVALID", "not an access token", refused(KEYCLOAK, idToken));
        idToken.remove("typ");
        assertRefused("TOKEN_INVALID", "not an access token", refused(KEYCLOAK, idToken));
        // Without a pin, the payload typ is not looked at: auth-service's tokens have none.
        assertNotNull(ClaimMapping.SUITE.caller(suiteToken()));
    }
}
