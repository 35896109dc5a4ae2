package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without Redis, attempts can't be counted: sign-in fails closed with a clear 503, and readiness says why. */
@QuarkusTest
@TestProfile(RedisOutageTest.NoRedis.class)
class RedisOutageTest {

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "500ms");
        }
    }

    @Test
    void signInFailsClosedAndReadinessIsDown() {
        login("default", "admin@local", BOOTSTRAP_PASSWORD).then().statusCode(503)
                .body("code", equalTo("LOCKOUT_UNAVAILABLE")).header("Retry-After", notNullValue());
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name.contains('Redis') }.status", equalTo("DOWN"));
        // What needs no Redis keeps working.
        json().get("/.well-known/jwks.json").then().statusCode(200);
    }
}
