package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test profile: 5 failures per account, 10 per source address, within 15 minutes. */
@QuarkusTest
class LockoutTest {

    private static Response loginFrom(String source, String tenant, String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", source)
                .body(Map.of("tenant", tenant, "email", email, "password", password)).post("/api/v1/auth/login");
    }

    @Test
    void anAccountLocksAfterRepeatedFailuresEvenForTheRightPassword() {
        TenantAdmin t = newTenant();
        String victim = "victim@" + t.slug() + ".test";
        newUser(t, victim, "viewer");
        for (int i = 0; i < 5; i++) {
            loginFrom(randomSource(), t.slug(), victim, "Wrong-Passw0rd-" + i).then().statusCode(401)
                    .body("code", equalTo("INVALID_CREDENTIALS"));
        }
        loginFrom(randomSource(), t.slug(), victim, STRONG_PASSWORD).then().statusCode(429)
                .body("code", equalTo("ACCOUNT_LOCKED")).header("Retry-After", notNullValue());
        bearer(t.token()).queryParam("type", "ACCOUNT_LOCKED").get("/api/v1/audit-events").then().statusCode(200)
                .body("items.target", hasItem(victim));
    }

    @Test
    void unknownEmailsLockExactlyLikeRealOnes() {
        TenantAdmin t = newTenant();
        String ghost = "ghost@" + t.slug() + ".test";
        for (int i = 0; i < 5; i++) {
            loginFrom(randomSource(), t.slug(), ghost, "Wrong-Passw0rd-" + i).then().statusCode(401)
                    .body("code", equalTo("INVALID_CREDENTIALS"));
        }
        var locked = loginFrom(randomSource(), t.slug(), ghost, "Wrong-Passw0rd-x").then().statusCode(429).extract().jsonPath();
        assertEquals("ACCOUNT_LOCKED", locked.getString("code"));
    }

    @Test
    void parallelWrongPasswordsCannotExceedTheLimit() throws Exception {
        TenantAdmin t = newTenant();
        String target = "target@" + t.slug() + ".test";
        newUser(t, target, "viewer");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                calls.add(pool.submit(() -> loginFrom(randomSource(), t.slug(), target, "Wrong-Passw0rd-" + n).statusCode()));
            }
            int checked = 0;
            for (Future<Integer> call : calls) {
                int status = call.get();
                if (status == 401) {
                    checked++;
                } else {
                    assertTrue(status == 429 || status == 503, "unexpected " + status);
                }
            }
            assertTrue(checked <= 5, checked + " passwords were checked; the limit is 5");
        } finally {
            pool.shutdownNow();
        }
        loginFrom(randomSource(), t.slug(), target, STRONG_PASSWORD).then().statusCode(429);
    }

    @Test
    void aSourceSprayingManyAccountsIsLockedOut() {
        TenantAdmin t = newTenant();
        String source = randomSource();
        for (int i = 0; i < 10; i++) {
            loginFrom(source, t.slug(), "spray" + i + "@" + t.slug() + ".test", "Wrong-Passw0rd-1").then().statusCode(401);
        }
        loginFrom(source, t.slug(), t.email(), t.password()).then().statusCode(429).body("code", equalTo("SOURCE_LOCKED"));
        // The account itself is fine from elsewhere.
        loginFrom(randomSource(), t.slug(), t.email(), t.password()).then().statusCode(200);
    }

    @Test
    void aLoginFloodGets503AtOnceAndNeverStarvesTokenVerification() throws Exception {
        TenantAdmin t = newTenant();
        String token = t.token();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                int n = i;
                calls.add(pool.submit(() -> loginFrom(randomSource(), t.slug(), "flood" + n + "@" + t.slug() + ".test",
                        "Wrong-Passw0rd-1").statusCode()));
            }
            // While hashing is saturated, verifying tokens still answers.
            bearer(token).get("/api/v1/auth/me").then().statusCode(200);
            int busy = 0;
            for (Future<Integer> call : calls) {
                int status = call.get();
                assertTrue(status == 401 || status == 503, "unexpected " + status);
                busy += status == 503 ? 1 : 0;
            }
            assertTrue(busy > 0, "a pool of 2 with a queue of 16 must refuse some of 96 parallel logins");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSuccessClearsTheAccountCount() {
        TenantAdmin t = newTenant();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                loginFrom(randomSource(), t.slug(), t.email(), "Wrong-Passw0rd-" + i).then().statusCode(401);
            }
            loginFrom(randomSource(), t.slug(), t.email(), t.password()).then().statusCode(200);
        }
    }
}
