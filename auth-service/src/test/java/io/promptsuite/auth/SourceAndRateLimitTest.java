package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Test profile: 10 failed sign-ins per source; the other limits keep their defaults (see docs/auth.md "Limits"). */
@QuarkusTest
class SourceAndRateLimitTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    private static Response loginWithForwardedFor(String forwardedFor, String tenant, String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", forwardedFor)
                .body(Map.of("tenant", tenant, "email", email, "password", password)).post("/api/v1/auth/login");
    }

    @Test
    void aForwardedForWithoutAnAddressFallsBackToThePeerAndStillCounts() {
        TenantAdmin t = newTenant();
        // The test client is the trusted proxy 127.0.0.1; these headers name no address.
        String[] malformed = { "garbage", "unknown", "_hidden", "999.1.1.1", "not an address", "1.2.3.4.5", "localhost", "x",
                "unknown, 10.0.0.1", "example.com" };
        String sourceKey = redisKeys.key("auth", "lockout:source:127.0.0.1");
        redis.key().del(sourceKey);
        try {
            for (int i = 0; i < 10; i++) {
                loginWithForwardedFor(malformed[i], t.slug(), "spray" + i + "@" + t.slug() + ".test", "Wrong-Passw0rd-1")
                        .then().statusCode(401);
            }
            loginWithForwardedFor("garbage", t.slug(), t.email(), t.password()).then().statusCode(429)
                    .body("code", equalTo("SOURCE_LOCKED")).header("Retry-After", notNullValue());
        } finally {
            // Other tests (and the modules tested after this one) sign in from 127.0.0.1.
            redis.key().del(sourceKey);
        }
        loginWithForwardedFor("10.20.30.40", t.slug(), t.email(), "Wrong-Passw0rd-2").then().statusCode(401);
        bearer(t.token()).queryParam("type", "LOGIN_FAILED").queryParam("size", 100).get("/api/v1/audit-events").then()
                .statusCode(200)
                .body("items.find { it.target == 'spray0@" + t.slug() + ".test' }.source_ip", equalTo("127.0.0.1"))
                .body("items.find { it.target == '" + t.email() + "' }.source_ip", equalTo("10.20.30.40"))
                .body("items.source_ip", not(hasItem(nullValue())));
    }

    @Test
    void deviceAuthorizationsAreLimitedPerClientAndSource() {
        String source = randomSource();
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", source).formParam("client_id", "pmctl").post("/oauth/device_authorization")
                    .then().statusCode(200);
        }
        given().header("X-Forwarded-For", source).formParam("client_id", "pmctl").post("/oauth/device_authorization")
                .then().statusCode(429).header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_DEVICE_AUTHORIZATIONS")).body("request_id", notNullValue())
                .body("details.retry_after_seconds", greaterThan(0));
        given().header("X-Forwarded-For", randomSource()).formParam("client_id", "pmctl").post("/oauth/device_authorization")
                .then().statusCode(200);
    }

    @Test
    void userCodeGuessesOnTheVerificationPageAreLimitedBeforeCredentials() {
        String source = randomSource();
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", source).formParam("user_code", "BCDF-GHJK").formParam("tenant", "default")
                    .formParam("email", "nobody@local").formParam("password", "Wrong-Passw0rd-1").post("/oauth/device")
                    .then().statusCode(400);
        }
        given().header("X-Forwarded-For", source).formParam("user_code", "BCDF-GHJK").formParam("tenant", "default")
                .formParam("email", "nobody@local").formParam("password", "Wrong-Passw0rd-1").post("/oauth/device")
                .then().statusCode(429).header("Retry-After", notNullValue()).contentType(containsString("text/html"));
    }

    @Test
    void currentPasswordGuessesAreLimited() {
        TenantAdmin t = newTenant();
        for (int i = 0; i < 5; i++) {
            bearer(t.token()).body(Map.of("current_password", "Wrong-Passw0rd-" + i, "new_password", "An0ther-Str0ng-Pass!"))
                    .put("/api/v1/users/me/password").then().statusCode(400).body("code", equalTo("WRONG_PASSWORD"));
        }
        bearer(t.token()).body(Map.of("current_password", t.password(), "new_password", "An0ther-Str0ng-Pass!"))
                .put("/api/v1/users/me/password").then().statusCode(429).header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_PASSWORD_ATTEMPTS"));
    }

    @Test
    void burstsOfUnknownApiKeysAreRefusedBeforeLookup() {
        TenantAdmin t = newTenant();
        String good = bearer(t.token()).body(Map.of("name", "good", "role", "viewer")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        String source = randomSource();
        // 30 a minute: the bucket refills a token every 2 s, so on a slow machine a few more may pass first.
        Response refused = null;
        int unknown = 0;
        for (int i = 0; i < 60 && refused == null; i++) {
            Response answer = given().header("X-Forwarded-For", source).header("X-API-Key", "psk_made_up_" + UUID.randomUUID())
                    .get("/api/v1/auth/me");
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                answer.then().statusCode(401).body("code", equalTo("API_KEY_INVALID"));
                unknown++;
            }
        }
        assertNotNull(refused, "60 made-up keys from one address were all looked up");
        assertTrue(unknown >= 30, "the first 30 are looked up: " + unknown);
        refused.then().header("Retry-After", notNullValue()).body("code", equalTo("TOO_MANY_UNKNOWN_API_KEYS"));
        // A repeat of a refused key is answered from the negative cache, and good keys elsewhere keep working.
        given().header("X-Forwarded-For", randomSource()).header("X-API-Key", good).get("/api/v1/auth/me").then().statusCode(200);
    }
}
