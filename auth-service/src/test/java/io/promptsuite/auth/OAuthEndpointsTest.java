package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

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

    @Test
    void revocationEndsTheFamilyAndIgnoresUnknownTokens() {
        String refresh = (String) tokens("default", "admin@local", BOOTSTRAP_PASSWORD).get("refresh_token");
        given().formParam("token", refresh).formParam("client_id", "pmctl").post("/oauth/revoke").then().statusCode(200);
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", refresh).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().formParam("token", "never-issued").post("/oauth/revoke").then().statusCode(200);
        given().post("/oauth/revoke").then().statusCode(400).body("error", equalTo("invalid_request"));
    }
}
