package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A burst of correct sign-ins for one account from one address (a CI fleet sharing a service account behind one NAT)
 * never locks the account or the address and never answers 500. Test profile: hash pool 2 with a queue of 16.
 */
@QuarkusTest
class SignInLoadTest {

    private static Response loginFrom(String source, String tenant, String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", source)
                .body(Map.of("tenant", tenant, "email", email, "password", password)).post("/api/v1/auth/login");
    }

    @Test
    void aBurstOfCorrectSignInsLocksNothing() throws Exception {
        TenantAdmin t = newTenant();
        String source = randomSource();
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < 2; round++) {
                CyclicBarrier start = new CyclicBarrier(n);
                List<Future<Response>> calls = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return loginFrom(source, t.slug(), t.email(), t.password());
                    }));
                }
                int ok = 0;
                for (Future<Response> call : calls) {
                    Response answer = call.get();
                    int status = answer.statusCode();
                    if (status == 503) {
                        // Overload is a fast 503 to retry: the hash pool or the in-flight bound is full (AUTH_BUSY), or
                        // on a starved machine the lockout store didn't answer in time (LOCKOUT_UNAVAILABLE).
                        answer.then().body("code", oneOf("AUTH_BUSY", "LOCKOUT_UNAVAILABLE")).header("Retry-After", notNullValue());
                    } else {
                        assertEquals(200, status, "a correct sign-in answered " + status + ": " + answer.asString());
                        ok++;
                    }
                }
                assertTrue(ok > 0, "some of the burst got in");
            }
        } finally {
            pool.shutdownNow();
        }
        // Neither the account nor the address is locked afterwards.
        loginFrom(source, t.slug(), t.email(), t.password()).then().statusCode(200);
        loginFrom(randomSource(), t.slug(), t.email(), t.password()).then().statusCode(200);
    }
}
