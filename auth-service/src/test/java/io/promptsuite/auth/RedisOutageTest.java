package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.NoRedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Without Redis, attempts can't be counted: sign-in fails closed with a clear 503. The service stays ready, because
 * its main traffic (JWKS, service tokens, introspection) needs no Redis; the health details and a gauge say what is
 * degraded.
 */
@QuarkusTest
@TestProfile(NoRedisProfile.class)
class RedisOutageTest {

    @Test
    void signInFailsClosedWhileTokensKeepFlowingAndReadinessSaysWhatIsDegraded() {
        login("default", "admin@local", BOOTSTRAP_PASSWORD).then().statusCode(503)
                .body("code", equalTo("LOCKOUT_UNAVAILABLE")).header("Retry-After", notNullValue());

        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("down"))
                .body("checks.find { it.name == 'redis' }.data.degraded", containsString("sign-in"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("suite_redis_up 0.0"));

        // What needs no Redis keeps working: the JWKS, and a service's client-credentials token.
        json().get("/.well-known/jwks.json").then().statusCode(200).body("keys", not(empty()));
        given().auth().preemptive().basic("test-service", "test-service-secret-0123456789")
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(200).body("access_token", not(emptyOrNullString()));
    }
}
