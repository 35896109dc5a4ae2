package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditRepository;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The audit trail tells only what committed, and platform events have a reader. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditLog audit;

    @Inject
    AuditRepository events;

    @Test
    void platformEventsAreReadableByPlatformAdminsOnly() {
        String platform = bootstrapAdminToken();
        String clientId = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = bearer(platform).body(Map.of("client_id", clientId, "name", "Audited client"))
                .post("/api/v1/service-clients").then().statusCode(201).extract().path("client_secret");
        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200);
        bearer(platform).queryParam("actor", clientId).get("/api/v1/audit-events/platform").then().statusCode(200)
                .body("items.type", hasItem("CLIENT_TOKEN_ISSUED"));
        bearer(platform).queryParam("type", "SERVICE_CLIENT_CREATED").queryParam("size", 100)
                .get("/api/v1/audit-events/platform").then().statusCode(200).body("items.target", hasItem(clientId));
        TenantAdmin t = newTenant();
        bearer(t.token()).get("/api/v1/audit-events/platform").then().statusCode(403);
        bearer(t.token()).get("/api/v1/audit-events").then().statusCode(200).body("items.target", not(hasItem(clientId)));
    }

    @Test
    void aChangeThatFailsLeavesNoAuditEvent() {
        TenantAdmin t = newTenant();
        // Beyond PostgreSQL's timestamp range: the key can't be stored, so the trail must not say it was created.
        bearer(t.token()).body(Map.of("name", "far-future", "role", "viewer", "expires_at", "+300000-01-01T00:00:00Z"))
                .post("/api/v1/api-keys").then().statusCode(400);
        bearer(t.token()).queryParam("type", "API_KEY_CREATED").get("/api/v1/audit-events").then().statusCode(200)
                .body("total", equalTo(0));
        bearer(t.token()).get("/api/v1/api-keys").then().body("total", equalTo(0));

        // And the mechanism itself: an event recorded in a transaction that rolls back is gone with it.
        String marker = "rolled-back-" + UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                audit.record(UUID.fromString(t.tenantId()), AuditType.USER_CREATED, null, null, marker, null);
                QuarkusTransaction.setRollbackOnly();
            });
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException expected) {
            // the transaction was marked to roll back, and did
        }
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> events.count("target", marker)));
    }

    @Test
    void concurrentCreatesOfOneEmailAuditOnlyTheOneThatCommitted() throws Exception {
        TenantAdmin t = newTenant();
        String email = "twin@" + t.slug() + ".test";
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return bearer(t.token()).body(Map.of("email", email, "password", STRONG_PASSWORD, "role", "viewer"))
                            .post("/api/v1/users").statusCode();
                }));
            }
            int created = 0;
            for (Future<Integer> call : calls) {
                int status = call.get();
                assertTrue(status == 201 || status == 409 || status == 503, "unexpected " + status);
                created += status == 201 ? 1 : 0;
            }
            assertEquals(1, created, "exactly one create wins");
        } finally {
            pool.shutdownNow();
        }
        bearer(t.token()).queryParam("type", "USER_CREATED").get("/api/v1/audit-events").then().statusCode(200)
                .body("total", equalTo(1));
    }
}
