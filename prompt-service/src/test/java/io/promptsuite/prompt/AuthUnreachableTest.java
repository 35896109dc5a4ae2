package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** When auth-service can't be asked about an API key, the caller hears 503, not that the key is bad. */
@QuarkusTest
@TestProfile(AuthUnreachableTest.IntrospectionDown.class)
class AuthUnreachableTest {

    public static class IntrospectionDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.auth-service.url", "http://127.0.0.1:1");
        }
    }

    @Test
    void apiKeysAnswer503WhileTokensStillWork() {
        withKey("psk_abcdefgh_cannot-be-checked").get("/api/v1/prompts").then().statusCode(503)
                .body("code", equalTo("AUTH_UNAVAILABLE")).header("Retry-After", notNullValue());
        // Bearer tokens are verified offline, from the JWKS.
        as(newTenant().viewer()).get("/api/v1/prompts").then().statusCode(200);
    }
}
