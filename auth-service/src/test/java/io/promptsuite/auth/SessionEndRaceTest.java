package io.promptsuite.auth;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A role change ends every login of the user even while that login is being refreshed back to back (a thief with a
 * stolen refresh token): the successor a rotation in flight writes must not outlive the revocation.
 */
@QuarkusTest
class SessionEndRaceTest {

    private final Accounts accounts = Accounts.atServiceUnderTest();

    @Test
    void noRefreshTokenSurvivesARoleChangeMadeDuringRotations() throws Exception {
        Accounts.TenantAdmin t = accounts.newTenant();
        String email = "raced@" + t.slug() + ".test";
        String userId = accounts.newUser(t.token(), email, "editor");
        int families = 4;
        ExecutorService pool = Executors.newFixedThreadPool(families);
        try {
            String[] roles = { "viewer", "editor" };
            for (int round = 0; round < 6; round++) {
                List<AtomicReference<String>> latest = new ArrayList<>();
                for (int f = 0; f < families; f++) {
                    latest.add(new AtomicReference<>((String) accounts.tokens(t.slug(), email, Accounts.PASSWORD).get("refresh_token")));
                }
                AtomicBoolean stop = new AtomicBoolean();
                List<Future<?>> thieves = new ArrayList<>();
                for (AtomicReference<String> family : latest) {
                    thieves.add(pool.submit(() -> {
                        while (!stop.get()) {
                            Response r = accounts.json().body(Map.of("refresh_token", family.get())).post("/api/v1/auth/refresh");
                            if (r.statusCode() != 200) {
                                return;
                            }
                            family.set(r.path("refresh_token"));
                        }
                    }));
                }
                Thread.sleep(50L * (round + 1));
                accounts.bearer(t.token()).body(Map.of("role", roles[round % 2])).put("/api/v1/users/" + userId + "/role")
                        .then().statusCode(200);
                stop.set(true);
                for (Future<?> thief : thieves) {
                    thief.get();
                }
                for (AtomicReference<String> family : latest) {
                    assertEquals(401, accounts.json().body(Map.of("refresh_token", family.get())).post("/api/v1/auth/refresh")
                            .statusCode(), "round " + round + ": the newest refresh token outlived the role change");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
