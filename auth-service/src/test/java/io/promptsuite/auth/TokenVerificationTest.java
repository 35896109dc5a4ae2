package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URL;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.promptsuite.auth.key.KeyMaterial;
import io.promptsuite.auth.key.SigningKeyService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Tokens checked with Nimbus, a JOSE implementation other than the one that signs them, against the JWKS as published,
 * and forgeries refused by the service.
 */
@QuarkusTest
class TokenVerificationTest {

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwksUrl;

    @Inject
    SigningKeyService keys;

    @Test
    void anIndependentLibraryVerifiesTheAccessTokenAgainstThePublishedJwks() throws Exception {
        String token = bootstrapAdminToken();
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.load(jwksUrl);
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "the token's kid is published");
        assertTrue(jwt.verify(new RSASSAVerifier(key)));
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType());

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        String issuer = json().get("/.well-known/openid-configuration").then().statusCode(200).extract().path("issuer");
        assertEquals(issuer, claims.getIssuer(), "discovery issuer is byte-equal to iss");
        assertEquals(List.of("prompt-suite"), claims.getAudience());
        assertNotNull(claims.getJWTID());
        assertNotNull(claims.getIssueTime());
        assertNotNull(claims.getNotBeforeTime());
        assertTrue(claims.getExpirationTime().toInstant().isBefore(Instant.now().plusSeconds(301)));
        assertEquals("default", claims.getStringClaim("tenant"));
        assertNotNull(UUID.fromString(claims.getStringClaim("tid")));
        assertNotNull(UUID.fromString(claims.getSubject()));
        assertTrue(claims.getStringListClaim("groups").containsAll(List.of("admin", "platform-admin")));
        assertEquals("web", claims.getStringClaim("client_id"));
    }

    @Test
    void jwksHoldsPublicKeysOnlyAndIsCacheable() {
        var response = json().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=300"))
                .body("keys", not(empty()))
                .body("keys.kty", everyItem(equalTo("RSA")))
                .body("keys.kid", everyItem(not(emptyOrNullString())))
                .extract().asString();
        for (String privatePart : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"")) {
            assertFalse(response.contains(privatePart), "JWKS must not contain " + privatePart);
        }
    }

    @Test
    void discoveryAdvertisesWhatExists() {
        json().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("jwks_uri", endsWith("/.well-known/jwks.json"))
                .body("token_endpoint", endsWith("/oauth/token"))
                .body("device_authorization_endpoint", endsWith("/oauth/device_authorization"))
                .body("grant_types_supported", hasItems("refresh_token", "client_credentials",
                        "urn:ietf:params:oauth:grant-type:device_code"))
                .body("grant_types_supported", not(hasItem("password")));
    }

    @Test
    void algNoneIsRefused() throws Exception {
        String[] parts = bootstrapAdminToken().split("\\.");
        String header = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
        assertRefused(header + "." + parts[1] + ".");
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        String token = bootstrapAdminToken();
        SignedJWT original = SignedJWT.parse(token);
        RSAKey published = (RSAKey) JWKSet.load(jwksUrl).getKeyByKeyId(original.getHeader().getKeyID());
        byte[] publicBytes = published.toRSAPublicKey().getEncoded();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), original.getJWTClaimsSet());
        forged.sign(new MACSigner(java.util.Arrays.copyOf(publicBytes, Math.max(32, publicBytes.length))));
        assertRefused(forged.serialize());
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        String[] parts = bootstrapAdminToken().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        String elevated = claims.replace("\"tenant\":\"default\"", "\"tenant\":\"other\"");
        assertNotEquals(claims, elevated);
        assertRefused(parts[0] + "." + b64(elevated) + "." + parts[2]);
    }

    @Test
    void wrongIssuerAudienceTypeOrTimeAreRefusedEvenWithTheRealKey() throws Exception {
        JWTClaimsSet good = SignedJWT.parse(bootstrapAdminToken()).getJWTClaimsSet();
        // Control: re-signed unchanged with the real key, the token is accepted, so the refusals below are for their reason.
        bearer(signWithRealKey(good, "at+jwt")).get("/api/v1/auth/me").then().statusCode(200);

        assertRefused(signWithRealKey(new JWTClaimsSet.Builder(good).issuer("https://evil.example").build(), "at+jwt"));
        assertRefused(signWithRealKey(new JWTClaimsSet.Builder(good).audience("someone-else").build(), "at+jwt"));
        assertRefused(signWithRealKey(good, "JWT"));
        assertRefused(signWithRealKey(good, null));
        Date past = Date.from(Instant.now().minusSeconds(600));
        bearer(signWithRealKey(new JWTClaimsSet.Builder(good).expirationTime(past).build(), "at+jwt"))
                .get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("TOKEN_EXPIRED"));
        Date future = Date.from(Instant.now().plusSeconds(600));
        assertRefused(signWithRealKey(new JWTClaimsSet.Builder(good).notBeforeTime(future).build(), "at+jwt"));
    }

    @Test
    void unknownKidAndForeignKeyAreRefused() throws Exception {
        JWTClaimsSet good = SignedJWT.parse(bootstrapAdminToken()).getJWTClaimsSet();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        SignedJWT unknownKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-a-kid")
                .type(new JOSEObjectType("at+jwt")).build(), good);
        unknownKid.sign(new RSASSASigner(pair.getPrivate()));
        assertRefused(unknownKid.serialize());
        // A foreign key that claims the real kid
        SignedJWT stolenKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.signingKey().kid())
                .type(new JOSEObjectType("at+jwt")).build(), good);
        stolenKid.sign(new RSASSASigner(pair.getPrivate()));
        assertRefused(stolenKid.serialize());
        assertNotNull((RSAPublicKey) pair.getPublic());
    }

    @Test
    void garbageTokensAre401() {
        assertRefused("not-a-jwt");
        assertRefused("a.b.c");
        bearer("").get("/api/v1/auth/me").then().statusCode(401);
    }

    private String signWithRealKey(JWTClaimsSet claims, String typ) throws Exception {
        KeyMaterial key = keys.signingKey();
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid());
        if (typ != null) {
            header.type(new JOSEObjectType(typ));
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.privateKey()));
        return jwt.serialize();
    }

    private static void assertRefused(String token) {
        bearer(token).get("/api/v1/auth/me").then().statusCode(401)
                .body("code", anyOf(equalTo("TOKEN_INVALID"), equalTo("TOKEN_EXPIRED")))
                .body("request_id", not(emptyOrNullString()));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
    }
}
