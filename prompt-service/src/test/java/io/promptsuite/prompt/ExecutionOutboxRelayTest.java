package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static io.promptsuite.prompt.ExecutionOutboxTest.*;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.promptsuite.prompt.FakeStatsService.Reply;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * The relay against a stand-in stats-service that fails, refuses and comes back on cue: rows go only after a 2xx,
 * attempts back off while it is down, the bearer token is prompt-service's own with stats:write, and events
 * stats-service refuses are set aside while the rest are delivered.
 */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "prompt-service"))
@QuarkusTestResource(value = FakeStatsService.class, restrictToAnnotatedClass = false)
class ExecutionOutboxRelayTest {

    @Inject
    DataSource db;

    @AfterEach
    void statsServiceTakesEverythingAgain() {
        FakeStatsService.acceptAll();
    }

    static Reply unavailable() {
        return new Reply(503, "{\"code\":\"UNAVAILABLE\",\"message\":\"down\"}");
    }

    @Test
    void whileStatsServiceIsDownTheRelayBacksOffAndDeletesRowsOnlyAfterA2xx() {
        Tenant t = newTenant();
        String tenant = tenantOf(t.editor());
        String name = publishedText(t.editor(), "relay", "Hi {{who}}", WHO_SCHEMA);
        AtomicInteger attempts = new AtomicInteger();
        List<Long> rowsAtAttempt = new CopyOnWriteArrayList<>();
        List<Long> attemptNanos = new CopyOnWriteArrayList<>();
        AtomicBoolean allReported = new AtomicBoolean();
        FakeStatsService.answer(events -> {
            if (events.stream().noneMatch(e -> tenant.equals(e.path("tenant_id").asText()))) {
                return FakeStatsService.ACCEPT_ALL.apply(events);
            }
            if (!allReported.get()) {
                return unavailable();
            }
            rowsAtAttempt.add(waiting(tenant));
            attemptNanos.add(System.nanoTime());
            return attempts.incrementAndGet() <= 4 ? unavailable() : FakeStatsService.ACCEPT_ALL.apply(events);
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(as(t.editor()).body(execution()).post(executions(name)).then().statusCode(202).extract().path("event_id"));
        }
        allReported.set(true);
        await(() -> waiting(tenant) == 0, "the outbox still holds the tenant's rows");

        List<FakeStatsService.Received> mine = FakeStatsService.receivedFor(tenant);
        List<FakeStatsService.Received> delivered = mine.stream().filter(r -> r.status() == 202).toList();
        assertEquals(1, delivered.size(), "the rows went out again after a 2xx");
        assertEquals(Set.copyOf(ids), Set.copyOf(delivered.get(0).eventIds().stream().filter(ids::contains).toList()));
        // Every attempt, the successful one included, found all rows still there: they go only after the answer.
        assertEquals(List.of(3L, 3L, 3L, 3L, 3L), rowsAtAttempt);

        // Backoff: after the third failure in a row the relay waits at least half of 4 s (2^2 · 1 s, jitter ≥ ½),
        // where it would poll every second without it. A lower bound, so a slow machine can't break it.
        long gapAfterThird = (attemptNanos.get(3) - attemptNanos.get(2)) / 1_000_000;
        long gapAfterFourth = (attemptNanos.get(4) - attemptNanos.get(3)) / 1_000_000;
        assertTrue(gapAfterThird >= 1_900, "attempt 4 came " + gapAfterThird + " ms after attempt 3");
        assertTrue(gapAfterFourth >= 1_900, "attempt 5 came " + gapAfterFourth + " ms after attempt 4");

        // prompt-service's own client-credentials token, asking for stats:write only.
        for (FakeStatsService.Received r : mine) {
            assertTrue(r.authorization().startsWith("Bearer "), r.authorization());
            JsonNode claims = claims(r.authorization().substring("Bearer ".length()));
            assertEquals("prompt-service", claims.path("client_id").asText());
            assertTrue(List.of(claims.path("scope").asText().split(" ")).contains("stats:write"), claims.toString());
        }

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metric(metrics, "prompt_outbox_failures_total\\{reason=\"server_error\"[^}]*}") >= 4, "server_error failures");
        assertTrue(metric(metrics, "prompt_outbox_delivered_total(\\{[^}]*})?") >= 3, "delivered");
        assertTrue(metrics.contains("prompt_outbox_pending"), "the pending gauge");
    }

    @Test
    void eventsRefusedByIndexAreSetAsideAndTheRestDelivered() {
        Tenant t = newTenant();
        String tenant = tenantOf(t.editor());
        String name = publishedText(t.editor(), "relay", "Hi {{who}}", WHO_SCHEMA);
        AtomicBoolean allReported = new AtomicBoolean();
        FakeStatsService.answer(events -> {
            if (events.stream().noneMatch(e -> tenant.equals(e.path("tenant_id").asText()))) {
                return FakeStatsService.ACCEPT_ALL.apply(events);
            }
            if (!allReported.get()) {
                return unavailable();
            }
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).path("model").asText().equals("refuse-me")) {
                    return new Reply(400, "{\"code\":\"VALIDATION_FAILED\",\"message\":\"The batch has invalid events\","
                            + "\"details\":{\"event_indexes\":[" + i + "],\"fields\":[{\"field\":\"events[" + i
                            + "].model\",\"message\":\"is not a model we know\"}]}}");
                }
            }
            return FakeStatsService.ACCEPT_ALL.apply(events);
        });
        String good1 = report(t, name, "gpt-4o-mini");
        String bad = report(t, name, "refuse-me");
        String good2 = report(t, name, "gpt-4o-mini");
        allReported.set(true);
        await(() -> waiting(tenant) == 0, "the good rows were not delivered");

        assertDelivered(tenant, List.of(good1, good2), bad);
        String lastError = deadLetter(tenant, bad);
        assertTrue(lastError.contains("VALIDATION_FAILED") && lastError.contains("is not a model we know"), lastError);
    }

    @Test
    void aRefusalNamingNoEventIsNarrowedDownOneEventAtATime() {
        Tenant t = newTenant();
        String tenant = tenantOf(t.editor());
        String name = publishedText(t.editor(), "relay", "Hi {{who}}", WHO_SCHEMA);
        AtomicBoolean allReported = new AtomicBoolean();
        FakeStatsService.answer(events -> {
            if (events.stream().noneMatch(e -> tenant.equals(e.path("tenant_id").asText()))) {
                return FakeStatsService.ACCEPT_ALL.apply(events);
            }
            if (!allReported.get()) {
                return unavailable();
            }
            if (events.stream().anyMatch(e -> e.path("model").asText().equals("refuse-me"))) {
                return new Reply(400, "{\"code\":\"BATCH_REFUSED\",\"message\":\"no\"}");
            }
            return FakeStatsService.ACCEPT_ALL.apply(events);
        });
        String good1 = report(t, name, "gpt-4o-mini");
        String bad = report(t, name, "refuse-me");
        String good2 = report(t, name, "gpt-4o-mini");
        allReported.set(true);
        await(() -> waiting(tenant) == 0, "the good rows were not delivered");

        assertDelivered(tenant, List.of(good1, good2), null);
        assertTrue(deadLetter(tenant, bad).contains("BATCH_REFUSED"));
    }

    private static String report(Tenant t, String name, String model) {
        return as(t.editor()).body(with(execution(), "model", model)).post(executions(name)).then().statusCode(202)
                .extract().path("event_id");
    }

    /** Each good event in exactly one accepted batch; the bad one never accepted (and, when named by index, sent once). */
    private static void assertDelivered(String tenant, List<String> good, String badSentOnce) {
        List<FakeStatsService.Received> received = FakeStatsService.receivedFor(tenant);
        for (String id : good) {
            long accepted = received.stream().filter(r -> r.status() == 202 && r.eventIds().contains(id)).count();
            assertEquals(1, accepted, "event " + id + " accepted " + accepted + " times");
        }
        if (badSentOnce != null) {
            long sent = received.stream().filter(r -> r.status() != 503 && r.eventIds().contains(badSentOnce)).count();
            assertEquals(1, sent, "the refused event was sent again after being set aside");
        }
    }

    private long waiting(String tenant) {
        return count("SELECT count(*) FROM prompt.execution_outbox WHERE tenant_id = ?::uuid AND failed_at IS NULL", tenant);
    }

    /** The set-aside row's last_error; fails unless exactly that event is set aside. */
    private String deadLetter(String tenant, String eventId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT CAST(event_id AS text), last_error FROM prompt.execution_outbox WHERE tenant_id = ?::uuid AND failed_at IS NOT NULL")) {
            s.setString(1, tenant);
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] { rs.getString(1), rs.getString(2) });
                }
            }
            assertEquals(1, rows.size(), "set-aside rows");
            assertEquals(eventId, rows.get(0)[0]);
            return rows.get(0)[1];
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String tenant) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double metric(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(m.groupCount()));
        }
        return total;
    }

    static void await(BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(message + " within 60 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
