package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The logging context (requestId, tenantId, userId) belongs to one request: a log line written for an anonymous
 * request must never carry the tenant or user of a request that ran on the same thread before it.
 */
@QuarkusTest
class LoggingContextTest {

    /** What the service's audit logger saw in the logging context when it wrote a line. */
    record Seen(String message, Object tenantId, Object userId, Object requestId) {
    }

    @Test
    void anonymousRequestsNeverInheritAnEarlierCallersContext() throws Exception {
        TenantAdmin t = newTenant();
        String key = bearer(t.token()).body(Map.of("name", "mdc", "role", "viewer")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        String missingTenant = "nosuch-" + UUID.randomUUID().toString().substring(0, 8);

        List<Seen> seen = new CopyOnWriteArrayList<>();
        Handler probe = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (record.getParameters() != null) {
                    message = String.format(message, record.getParameters());
                }
                seen.add(new Seen(message, MDC.get("tenantId"), MDC.get("userId"), MDC.get("requestId")));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger audit = java.util.logging.Logger.getLogger("io.promptsuite.auth.audit");
        audit.addHandler(probe);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // Many authenticated requests, by key and by token, spread over the service's threads...
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int n = i;
                calls.add(pool.submit(() -> n % 2 == 0
                        ? given().header("X-API-Key", key).get("/api/v1/auth/me").statusCode()
                        : bearer(t.token()).get("/api/v1/auth/me").statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get());
            }
            // ...then anonymous requests whose audit lines must carry no tenant or user.
            calls.clear();
            for (int i = 0; i < 60; i++) {
                int n = i;
                calls.add(pool.submit(() -> login(missingTenant, "nobody" + n + "@x.test", "Wrong-Passw0rd-1").statusCode()));
            }
            for (Future<Integer> call : calls) {
                int status = call.get();
                assertTrue(status == 401 || status == 503, "unexpected " + status);
            }
        } finally {
            pool.shutdownNow();
            audit.removeHandler(probe);
        }
        List<Seen> anonymous = seen.stream().filter(s -> s.message().contains(missingTenant)).toList();
        assertFalse(anonymous.isEmpty(), "the failed sign-ins were audited");
        for (Seen line : anonymous) {
            assertNull(line.userId(), "an anonymous request logged with an earlier caller's user: " + line);
            assertNull(line.tenantId(), "an anonymous request logged with an earlier caller's tenant: " + line);
            assertNotNull(line.requestId(), "every line carries its own request id: " + line);
        }
    }
}
