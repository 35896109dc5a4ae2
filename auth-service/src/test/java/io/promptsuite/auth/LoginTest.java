package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LoginTest {

    @Test
    void loginAnswersATokenPair() {
        login("default", "admin@local", BOOTSTRAP_PASSWORD).then()
                .statusCode(200)
                .body("access_token", not(emptyOrNullString()))
                .body("refresh_token", not(emptyOrNullString()))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300));
    }

    @Test
    void emailIsCaseInsensitive() {
        login("default", "  ADMIN@Local ", BOOTSTRAP_PASSWORD).then().statusCode(200);
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerAlike() {
        TenantAdmin t = newTenant();
        var wrong = login(t.slug(), t.email(), "Wrong-Passw0rd-123!").then().statusCode(401).extract().jsonPath();
        var unknown = login(t.slug(), "nobody@" + t.slug() + ".test", "Wrong-Passw0rd-123!").then().statusCode(401).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals("INVALID_CREDENTIALS", wrong.getString("code"));
        org.junit.jupiter.api.Assertions.assertEquals(wrong.getString("code"), unknown.getString("code"));
        org.junit.jupiter.api.Assertions.assertEquals(wrong.getString("message"), unknown.getString("message"));
    }

    @Test
    void unknownTenantHasItsOwnCode() {
        login("no-such-tenant", "a@b.c", "Whatever-Passw0rd!").then().statusCode(401).body("code", equalTo("UNKNOWN_TENANT"));
    }

    @Test
    void meDescribesTheCaller() {
        TenantAdmin t = newTenant();
        bearer(t.token()).get("/api/v1/auth/me").then().statusCode(200)
                .body("email", equalTo(t.email()))
                .body("tenant", equalTo(t.slug()))
                .body("tenant_id", equalTo(t.tenantId()))
                .body("roles", contains("admin"))
                .body("user_id", not(emptyOrNullString()));
    }

    @Test
    void meWithoutCredentialsIs401() {
        json().get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"))
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() {
        Map<String, Object> pair = tokens("default", "admin@local", BOOTSTRAP_PASSWORD);
        String r1 = (String) pair.get("refresh_token");
        String r2 = refresh(r1, 200);
        org.junit.jupiter.api.Assertions.assertNotEquals(r1, r2);
        String r3 = refresh(r2, 200);
        // r1 again: a thief or a confused client; either way the whole login ends.
        json().body(Map.of("refresh_token", r1)).post("/api/v1/auth/refresh").then().statusCode(401)
                .body("code", equalTo("REFRESH_TOKEN_REUSED"));
        json().body(Map.of("refresh_token", r3)).post("/api/v1/auth/refresh").then().statusCode(401)
                .body("code", equalTo("REFRESH_TOKEN_REVOKED"));
    }

    @Test
    void concurrentRefreshesOfOneTokenHaveExactlyOneWinner() throws Exception {
        String r1 = (String) tokens("default", "admin@local", BOOTSTRAP_PASSWORD).get("refresh_token");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> json().body(Map.of("refresh_token", r1)).post("/api/v1/auth/refresh").statusCode()));
            }
            int wins = 0;
            for (var call : calls) {
                int status = call.get();
                org.junit.jupiter.api.Assertions.assertTrue(status == 200 || status == 401, "status " + status);
                wins += status == 200 ? 1 : 0;
            }
            org.junit.jupiter.api.Assertions.assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutEndsTheFamily() {
        String refresh = (String) tokens("default", "admin@local", BOOTSTRAP_PASSWORD).get("refresh_token");
        json().body(Map.of("refresh_token", refresh)).post("/api/v1/auth/logout").then().statusCode(204);
        json().body(Map.of("refresh_token", refresh)).post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void unknownRefreshTokenIs401() {
        json().body(Map.of("refresh_token", "made-up")).post("/api/v1/auth/refresh").then().statusCode(401)
                .body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void badBodiesGetPreciseErrors() {
        json().body("{\"tenant\": \"default\"").post("/api/v1/auth/login").then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON")).body("request_id", not(emptyOrNullString()));
        json().body("{\"tenant\": \"default\"}").post("/api/v1/auth/login").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.field", hasItems("email", "password"));
        json().body(Map.of("tenant", "default", "email", "a@b.c", "password", "x", "role", "admin"))
                .post("/api/v1/auth/login").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD")).body("details.fields[0].field", equalTo("role"));
        json().body("{\"tenant\": 5, \"email\": [1], \"password\": \"x\"}").post("/api/v1/auth/login").then()
                .statusCode(400).body("code", anyOf(equalTo("INVALID_FIELD"), equalTo("VALIDATION_FAILED")));
        json().body("[]").post("/api/v1/auth/login").then().statusCode(400).body("code", equalTo("MALFORMED_BODY"));
        json().body("").post("/api/v1/auth/login").then().statusCode(400);
        io.restassured.RestAssured.given().contentType("text/plain").body("hi").post("/api/v1/auth/login").then()
                .statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void oversizeBodyIs413InTheCommonShape() {
        String big = "{\"tenant\":\"" + "a".repeat(1_100_000) + "\"}";
        json().body(big).post("/api/v1/auth/login").then().statusCode(413).body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void noErrorBodyEverLeaksTheSubmittedPassword() {
        String secret = "Leaky-Secret-Passw0rd!";
        String body = login("default", "admin@local", secret).then().statusCode(401).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains(secret));
    }
}
