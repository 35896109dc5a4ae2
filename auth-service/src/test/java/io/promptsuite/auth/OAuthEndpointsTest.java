package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class OAuthEndpointsTest {

    static final String CLIENT = "test-service";
    static final String SECRET = "test-service-secret-0123456789";

    private static RequestSpecification asService() {
        return given().auth().preemptive().basic(CLIENT, SECRET);
    }

    @Test
    void clientCredentialsGivesAServiceToken() throws Exception {
        String token = asService().formParam("grant_type", "client_credentials").post("/oauth/token").then()
                .statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(300))
                .body("refresh_token", nullValue())
                .body("scope", equalTo("service stats.write"))
                .extract().path("access_token");
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(CLIENT, claims.getSubject());
        assertEquals(CLIENT, claims.getStringClaim("client_id"));
        assertNull(claims.getStringClaim("tid"));
        // Form credentials work too, and a narrower scope is honoured.
        given().formParam("grant_type", "client_credentials").formParam("client_id", CLIENT)
                .formParam("client_secret", SECRET).formParam("scope", "stats.write").post("/oauth/token").then()
                .statusCode(200).body("scope", equalTo("stats.write"));
        asService().formParam("grant_type", "client_credentials").formParam("scope", "admin").post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void badClientsAreInvalidClient() {
        given().auth().preemptive().basic(CLIENT, "wrong").formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "client_credentials").formParam("client_id", "pmctl").post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        // A configured service client whose secret was never provided is switched off, not open.
        given().formParam("grant_type", "client_credentials").formParam("client_id", "stats-service").post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void grantTypesFollowTheRfc() {
        given().formParam("grant_type", "made_up").post("/oauth/token").then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
        given().formParam("grant_type", "password").formParam("username", "admin@local")
                .formParam("password", BOOTSTRAP_PASSWORD).formParam("tenant", "default").post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", "nonsense").post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().formParam("grant_type", "refresh_token").formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void refreshTokenGrantRotatesAndDetectsReuse() {
        String r1 = (String) tokens("default", "admin@local", BOOTSTRAP_PASSWORD).get("refresh_token");
        String r2 = given().formParam("grant_type", "refresh_token").formParam("refresh_token", r1).post("/oauth/token")
                .then().statusCode(200).extract().path("refresh_token");
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", r1).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", r2).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void introspectionIsForServiceClientsOnly() {
        String token = bootstrapAdminToken();
        given().formParam("token", token).post("/oauth/introspect").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        given().formParam("token", token).formParam("client_id", "pmctl").post("/oauth/introspect").then()
                .statusCode(401);
        asService().formParam("token", token).post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("tenant", equalTo("default"))
                .body("groups", hasItem("admin")).body("token_type", equalTo("access_token"));
    }

    @Test
    void introspectionSaysOnlyInactiveForAnythingNotGood() {
        for (String bad : new String[] { "garbage", "a.b.c", "psk_nothing_here", bootstrapAdminToken() + "x" }) {
            String body = asService().formParam("token", bad).post("/oauth/introspect").then().statusCode(200)
                    .extract().asString();
            assertEquals("{\"active\":false}", body.replace(" ", ""));
        }
    }

    @Test
    void introspectionDescribesLiveRefreshTokens() {
        String refresh = (String) tokens("default", "admin@local", BOOTSTRAP_PASSWORD).get("refresh_token");
        asService().formParam("token", refresh).post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("token_type", equalTo("refresh_token"));
    }

    private static void refreshAsCli(String refreshToken, int status) {
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .formParam("client_id", "pmctl").post("/oauth/token").then().statusCode(status);
    }

    @Test
    void revocationEndsTheFamilyOfTheClientsOwnToken() {
        String refresh = (String) cliTokens(newTenant()).get("refresh_token");
        given().formParam("token", refresh).formParam("client_id", "pmctl").post("/oauth/revoke").then().statusCode(200)
                .header("Cache-Control", "no-store");
        refreshAsCli(refresh, 400);
    }

    @Test
    void revocationLeavesAnotherClientsTokenAlone() {
        TenantAdmin t = newTenant();
        // A web sign-in's token, presented by the CLI: 200, and nothing happens to it.
        String web = (String) tokens(t.slug(), t.email(), t.password()).get("refresh_token");
        given().formParam("token", web).formParam("client_id", "pmctl").post("/oauth/revoke").then().statusCode(200);
        String webNext = refresh(web, 200);
        // The CLI's token, presented by a service client: the same.
        String cli = (String) cliTokens(t).get("refresh_token");
        asService().formParam("token", cli).post("/oauth/revoke").then().statusCode(200);
        given().formParam("token", cli).formParam("client_id", CLIENT).formParam("client_secret", SECRET)
                .post("/oauth/revoke").then().statusCode(200);
        refreshAsCli(cli, 200);
        // An access token is nobody's to revoke here: 200, and it keeps working until it expires.
        String access = (String) tokens(t.slug(), t.email(), t.password()).get("access_token");
        given().formParam("token", access).formParam("client_id", "pmctl").post("/oauth/revoke").then().statusCode(200);
        bearer(access).get("/api/v1/auth/me").then().statusCode(200);
        refresh(webNext, 200);
    }

    @Test
    void revocationAuthenticatesTheClient() {
        String cli = (String) cliTokens(newTenant()).get("refresh_token");
        given().auth().preemptive().basic(CLIENT, "wrong").formParam("token", cli).post("/oauth/revoke").then()
                .statusCode(401).header("WWW-Authenticate", startsWith("Basic")).body("error", equalTo("invalid_client"));
        given().formParam("token", cli).formParam("client_id", CLIENT).formParam("client_secret", "wrong")
                .post("/oauth/revoke").then().statusCode(401).body("error", equalTo("invalid_client"));
        // A confidential client must prove it is one; a public client must not pretend to have a secret.
        given().formParam("token", cli).formParam("client_id", CLIENT).post("/oauth/revoke").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        given().formParam("token", cli).formParam("client_id", "pmctl").formParam("client_secret", "guess")
                .post("/oauth/revoke").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("token", cli).formParam("client_id", "nobody").post("/oauth/revoke").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        // Naming no client at all leaves nobody whose token could be revoked.
        given().formParam("token", cli).post("/oauth/revoke").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", notNullValue());
        refreshAsCli(cli, 200);
    }

    @Test
    void revocationOfUnknownTokensIsFineAndATokenIsRequired() {
        given().formParam("token", "never-issued").formParam("client_id", "pmctl").post("/oauth/revoke").then()
                .statusCode(200);
        asService().formParam("token", "never-issued").formParam("token_type_hint", "refresh_token").post("/oauth/revoke")
                .then().statusCode(200);
        given().formParam("client_id", "pmctl").post("/oauth/revoke").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().formParam("client_id", "pmctl").formParam("token", "a").formParam("token", "b").post("/oauth/revoke")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void introspectionStatesIssuerAudienceAndTimes() throws Exception {
        String issuer = given().get("/.well-known/openid-configuration").then().statusCode(200).extract().path("issuer");
        TenantAdmin t = newTenant();
        Map<String, Object> pair = tokens(t.slug(), t.email(), t.password());
        String access = (String) pair.get("access_token");
        var claims = SignedJWT.parse(access).getJWTClaimsSet();
        var active = asService().formParam("token", access).post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(true)).extract().jsonPath();
        assertEquals(issuer, active.getString("iss"));
        assertEquals("prompt-suite", active.getString("aud"));
        assertEquals(claims.getIssueTime().toInstant().getEpochSecond(), active.getLong("iat"));
        assertEquals(claims.getExpirationTime().toInstant().getEpochSecond(), active.getLong("exp"));
        assertEquals(300, active.getLong("exp") - active.getLong("iat"));

        long now = Instant.now().getEpochSecond();
        var refresh = given().formParam("client_id", CLIENT).formParam("client_secret", SECRET)
                .formParam("token", (String) pair.get("refresh_token")).post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("token_type", equalTo("refresh_token")).extract().jsonPath();
        assertEquals(issuer, refresh.getString("iss"));
        assertEquals("prompt-suite", refresh.getString("aud"));
        assertTrue(Math.abs(refresh.getLong("iat") - now) < 120, "issued just now: " + refresh.getLong("iat"));
        assertTrue(refresh.getLong("exp") > refresh.getLong("iat") + 3600);

        String key = bearer(t.token()).body(Map.of("name", "introspected", "role", "viewer",
                "expires_at", OffsetDateTime.now().plusDays(2).toString())).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        var apiKey = asService().formParam("token", key).post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("token_type", equalTo("api_key")).extract().jsonPath();
        assertEquals(issuer, apiKey.getString("iss"));
        assertEquals("prompt-suite", apiKey.getString("aud"));
        assertTrue(Math.abs(apiKey.getLong("iat") - now) < 120);
        assertTrue(Math.abs(apiKey.getLong("exp") - (now + 2 * 86400)) < 120);
    }
}
