package io.promptsuite.common.security;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The verifier with its configuration read the way a service reads it, from environment variables over defaults. */
class AccessTokenVerifierTest {

    static final String ISSUER = "http://127.0.0.1:8180/realms/suite";
    static final String TENANT = "5b0f3c1e-8d4a-4c57-9f5e-0a1c2b3d4e5f";

    /** The settings docs/auth.md gives for a stock Keycloak realm. */
    static final Map<String, String> KEYCLOAK_ENV = Map.of(
            "SUITE_AUTH_ISSUER", ISSUER,
            "SUITE_AUTH_AUDIENCE", "prompt-suite",
            "SUITE_AUTH_ACCEPTED_TYP", "JWT,at+jwt",
            "SUITE_AUTH_ACCEPTED_PAYLOAD_TYP", "Bearer",
            "SUITE_AUTH_CLAIMS_TENANT_ID", "tenant_id",
            "SUITE_AUTH_CLAIMS_TENANT_SLUG", "tenant_slug",
            "SUITE_AUTH_CLAIMS_ROLES", "realm_access.roles",
            "SUITE_AUTH_CLAIMS_CLIENT_ID", "azp");

    static RsaJsonWebKey key;

    @BeforeAll
    static void keys() throws JoseException {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("k1");
    }

    static AuthVerificationConfig config(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AuthVerificationConfig.class)
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(AuthVerificationConfig.class);
    }

    static AccessTokenVerifier verifier(Map<String, String> env) {
        return new AccessTokenVerifier(config(env), () -> new JwksVerificationKeyResolver(List.of(key)));
    }

    static JwtClaims keycloakClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience("prompt-suite");
        claims.setSubject("58c332b9-f789-43c2-8394-6827dfda28d2");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setClaim("typ", "Bearer");
        claims.setClaim("azp", "prompt-suite");
        claims.setClaim("tenant_id", TENANT);
        claims.setClaim("tenant_slug", "acme");
        claims.setClaim("realm_access", Map.of("roles", List.of("editor")));
        return claims;
    }

    static String sign(JwtClaims claims, String typ) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", typ);
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    static String code(Executable call) {
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class, call);
        return e.getAttribute("suite.code");
    }

    @Test
    void theDefaultsAreTheMappingOfAuthServicesOwnTokens() {
        AuthVerificationConfig defaults = config(Map.of());
        assertEquals(ClaimMapping.SUITE, ClaimMapping.of(defaults));
        assertEquals(List.of("at+jwt"), defaults.acceptedTyp());
        assertEquals(List.of("prompt-suite"), defaults.audience());
    }

    @Test
    void everyClaimNameIsSetFromTheEnvironment() {
        assertEquals(new ClaimMapping("sub", "tenant_id", "tenant_slug", "realm_access.roles", "scope", "azp",
                List.of("Bearer")), ClaimMapping.of(config(KEYCLOAK_ENV)));
        Map<String, String> env = new java.util.HashMap<>(KEYCLOAK_ENV);
        env.put("SUITE_AUTH_CLAIMS_USER_ID", "oid");
        env.put("SUITE_AUTH_CLAIMS_SCOPE", "scp");
        ClaimMapping mapping = ClaimMapping.of(config(env));
        assertEquals("oid", mapping.userId());
        assertEquals("scp", mapping.scope());
    }

    @Test
    void aKeycloakAccessTokenBecomesTheCallerOfItsTenant() throws JoseException {
        Caller caller = verifier(KEYCLOAK_ENV).verify(sign(keycloakClaims(), "JWT"));
        assertEquals(TENANT, caller.tenantId());
        assertEquals("acme", caller.tenantSlug());
        assertTrue(caller.has(Roles.EDITOR));
        assertEquals("prompt-suite", caller.clientId());
    }

    @Test
    void theHeaderTypIsPinnedToTheAcceptedValues() throws JoseException {
        JwtClaims claims = keycloakClaims();
        assertEquals("TOKEN_INVALID", code(() -> verifier(Map.of("SUITE_AUTH_ISSUER", ISSUER,
                "SUITE_AUTH_ACCEPTED_PAYLOAD_TYP", "Bearer", "SUITE_AUTH_CLAIMS_TENANT_ID", "tenant_id",
                "SUITE_AUTH_CLAIMS_TENANT_SLUG", "tenant_slug")).verify(sign(claims, "JWT"))));
        AccessTokenVerifier keycloak = verifier(KEYCLOAK_ENV);
        assertNotNull(keycloak.verify(sign(claims, "at+jwt")));
        assertNotNull(keycloak.verify(sign(claims, "application/at+jwt")));
        assertEquals("TOKEN_INVALID", code(() -> keycloak.verify(sign(claims, "id_token+jwt"))));
        Map<String, String> any = new java.util.HashMap<>(KEYCLOAK_ENV);
        any.put("SUITE_AUTH_ACCEPTED_TYP", "any");
        assertNotNull(verifier(any).verify(sign(claims, "anything")));
    }

    @Test
    void anIdTokenOfTheSameIssuerAndAudienceIsNoAccessToken() throws JoseException {
        JwtClaims claims = keycloakClaims();
        claims.setClaim("typ", "ID");
        assertEquals("TOKEN_INVALID", code(() -> verifier(KEYCLOAK_ENV).verify(sign(claims, "JWT"))));
    }

    @Test
    void aTokenForAnotherAudienceOrIssuerIsRefused() throws JoseException {
        JwtClaims otherAudience = keycloakClaims();
        otherAudience.setAudience("other-api");
        assertEquals("TOKEN_INVALID", code(() -> verifier(KEYCLOAK_ENV).verify(sign(otherAudience, "JWT"))));
        JwtClaims otherIssuer = keycloakClaims();
        otherIssuer.setIssuer("http://127.0.0.1:8180/realms/other");
        assertEquals("TOKEN_INVALID", code(() -> verifier(KEYCLOAK_ENV).verify(sign(otherIssuer, "JWT"))));
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() throws JoseException {
        JwtClaims claims = keycloakClaims();
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 120));
        assertEquals("TOKEN_EXPIRED", code(() -> verifier(KEYCLOAK_ENV).verify(sign(claims, "JWT"))));
    }

    @Test
    void aMappedClaimMissingFromAValidTokenIsRefused() throws JoseException {
        JwtClaims claims = keycloakClaims();
        claims.unsetClaim("tenant_slug");
        assertEquals(ClaimMapping.MISSING, code(() -> verifier(KEYCLOAK_ENV).verify(sign(claims, "JWT"))));
    }
}
