package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class IngestTest {

    @Inject
    DataSource db;

    @Test
    void eachIdIsCountedOnceAcrossBatchesAndWithinOne() {
        Accounts.Team team = newTeam();
        String prompt = uniquePrompt("dup");
        Map<String, Object> a = event(prompt);
        Map<String, Object> b = event(prompt);
        Map<String, Object> c = event(prompt);
        postBatch(team.editor(), List.of(a, b, a)).statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(1));
        // b again later, with other values: still the first one counts.
        Map<String, Object> changed = new java.util.HashMap<>(b);
        changed.put("latency_ms", 999);
        postBatch(team.editor(), List.of(changed, c)).statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(1));
        postBatch(team.editor(), List.of(a, b, c)).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(3));
        UUID tenant = UUID.fromString(team.tenantId());
        assertEquals(3, count("events", tenant));
        assertEquals(3, count("event_keys", tenant));
        assertEquals(100L, scalar("SELECT latency_ms FROM events WHERE tenant_id = ? AND event_id = '" + b.get("event_id") + "'", tenant));
    }

    @Test
    void anotherTenantMaySendTheSameIdAsItsOwnEvent() {
        Accounts.Team one = newTeam();
        Accounts.Team two = newTeam();
        Map<String, Object> e = event(uniquePrompt("shared-id"));
        postBatch(one.editor(), List.of(e)).statusCode(202).body("accepted", equalTo(1));
        postBatch(two.editor(), List.of(e)).statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void parallelCopiesOfOneBatchAreCountedOnce() throws Exception {
        Accounts.Team team = newTeam();
        String prompt = uniquePrompt("parallel");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(event(prompt));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<int[]>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    var body = postBatch(team.editor(), batch).statusCode(202).extract().jsonPath();
                    return new int[] { body.getInt("accepted"), body.getInt("duplicates") };
                }, pool));
            }
            start.countDown();
            int accepted = 0;
            int duplicates = 0;
            for (CompletableFuture<int[]> answer : answers) {
                int[] r = answer.get();
                accepted += r[0];
                duplicates += r[1];
            }
            assertEquals(200, accepted);
            assertEquals(200 * (threads - 1), duplicates);
        } finally {
            pool.shutdownNow();
        }
        UUID tenant = UUID.fromString(team.tenantId());
        assertEquals(200, count("events", tenant));
    }

    @Test
    void aServiceTokenNeedsTheScopeAndNamesEachTenant() {
        Accounts.Team team = newTeam();
        String writer = writerServiceToken();
        Map<String, Object> e = event(uniquePrompt("svc"));
        // Without tenant_id a service's event belongs to no one.
        postBatch(writer, List.of(e)).statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.field", hasItem("events[0].tenant_id"));
        e.put("tenant_id", team.tenantId());
        postBatch(writer, List.of(e)).statusCode(202).body("accepted", equalTo(1));
        assertEquals(1, count("events", UUID.fromString(team.tenantId())));

        // One batch may carry several tenants' events.
        Accounts.Team second = newTeam();
        Map<String, Object> forFirst = event(uniquePrompt("svc"));
        forFirst.put("tenant_id", team.tenantId());
        Map<String, Object> forSecond = event(uniquePrompt("svc"));
        forSecond.put("tenant_id", second.tenantId());
        postBatch(writer, List.of(forFirst, forSecond)).statusCode(202).body("accepted", equalTo(2));
        assertEquals(2, count("events", UUID.fromString(team.tenantId())));
        assertEquals(1, count("events", UUID.fromString(second.tenantId())));

        String reader = Accounts.atRealAuthService().serviceToken("service");
        Map<String, Object> other = event(uniquePrompt("svc"));
        other.put("tenant_id", team.tenantId());
        postBatch(reader, List.of(other)).statusCode(403).body("code", equalTo("SCOPE_REQUIRED"));
        assertEquals(2, count("events", UUID.fromString(team.tenantId())));
    }

    @Test
    void applicationsWriteOnlyToTheirOwnTenant() {
        Accounts.Team team = newTeam();
        Accounts.Team other = newTeam();
        Map<String, Object> own = event(uniquePrompt("app"));
        own.put("tenant_id", team.tenantId());
        Map<String, Object> foreign = event(uniquePrompt("app"));
        foreign.put("tenant_id", other.tenantId());
        postBatch(team.viewer(), List.of(own, foreign)).statusCode(403).body("code", equalTo("TENANT_MISMATCH"))
                .body("details.event_indexes", contains(1));
        assertEquals(0, count("events", UUID.fromString(team.tenantId())));
        assertEquals(0, count("events", UUID.fromString(other.tenantId())));

        String key = apiKey(team.admin(), "viewer");
        withKey(key).body(Map.of("events", List.of(own, event(uniquePrompt("key"))))).post("/api/v1/executions/batch")
                .then().statusCode(202).body("accepted", equalTo(2));
        assertEquals(2, count("events", UUID.fromString(team.tenantId())));

        checked().body(Map.of("events", List.of(event("anon")))).post("/api/v1/executions/batch").then().statusCode(401);
    }

    @Test
    void aCostSentWinsOverThePriceBook() {
        Accounts.Team team = newTeam();
        Map<String, Object> given = event(uniquePrompt("cost"));
        given.put("cost", new BigDecimal("0.123456789"));
        Map<String, Object> computed = event(uniquePrompt("cost"));
        computed.put("model", "gpt-4o-mini-2024-07-18");
        computed.put("input_tokens", 1_000_000);
        computed.put("cached_input_tokens", 400_000);
        computed.put("output_tokens", 100_000);
        postBatch(team.editor(), List.of(given, computed)).statusCode(202).body("accepted", equalTo(2));
        UUID tenant = UUID.fromString(team.tenantId());
        Object[] g = row("SELECT cost, cost_given FROM events WHERE tenant_id = ? AND event_id = '" + given.get("event_id") + "'", tenant);
        assertEquals(0, new BigDecimal("0.123456789").compareTo((BigDecimal) g[0]));
        assertEquals(true, g[1]);
        // Default book: gpt-4o-mini* 0.15 in, 0.075 cached, 0.60 out per million tokens.
        Object[] c = row("SELECT cost, cost_given FROM events WHERE tenant_id = ? AND event_id = '" + computed.get("event_id") + "'", tenant);
        assertEquals(0, new BigDecimal("0.15").multiply(new BigDecimal("0.6")).add(new BigDecimal("0.075").multiply(new BigDecimal("0.4")))
                .add(new BigDecimal("0.06")).compareTo((BigDecimal) c[0]), "cost was " + c[0]);
        assertEquals(false, c[1]);
    }

    @Test
    void theMetricCountsAcceptedAndDuplicateEvents() {
        Accounts.Team team = newTeam();
        double before = metric("accepted");
        double dupBefore = metric("duplicate");
        Map<String, Object> e = event(uniquePrompt("metric"));
        postBatch(team.editor(), List.of(e, e)).statusCode(202);
        org.junit.jupiter.api.Assertions.assertTrue(metric("accepted") >= before + 1);
        org.junit.jupiter.api.Assertions.assertTrue(metric("duplicate") >= dupBefore + 1);
    }

    private static double metric(String outcome) {
        String text = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith("stats_events_ingested_total{") && line.contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private long count(String table, UUID tenant) {
        return scalar("SELECT count(*) FROM " + table + " WHERE tenant_id = ?", tenant);
    }

    private long scalar(String sql, UUID tenant) {
        return ((Number) row(sql, tenant)[0]).longValue();
    }

    private Object[] row(String sql, UUID tenant) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row for " + sql);
                }
                Object[] values = new Object[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getObject(i + 1);
                }
                return values;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
