package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Every kind of bad event is refused with its index and field, and a batch holding one stores nothing. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class BatchBadInputTest {

    @Inject
    DataSource db;

    private record Bad(String field, Consumer<Map<String, Object>> spoil) {
    }

    private static Bad bad(String field, Consumer<Map<String, Object>> spoil) {
        return new Bad(field, spoil);
    }

    @Test
    void everyBadEventIsNamedByIndexAndFieldAndNothingIsStored() {
        Accounts.Team team = newTeam();
        String prompt = uniquePrompt("bad");
        List<Bad> cases = List.of(
                bad("prompt", e -> e.remove("prompt")),
                bad("model", e -> e.put("model", "")),
                bad("latency_ms", e -> e.put("latency_ms", -1)),
                bad("latency_ms", e -> e.put("latency_ms", 86_400_001)),
                bad("latency_ms", e -> e.put("latency_ms", "fast")),
                bad("latency_ms", e -> e.put("latency_ms", 1.5)),
                bad("input_tokens", e -> e.put("input_tokens", -5)),
                bad("output_tokens", e -> e.put("output_tokens", 1_000_000_000_001L)),
                bad("status", e -> e.put("status", "ok")),
                bad("started_at", e -> e.put("started_at", "2026-01-01T00:00:00")),
                bad("started_at", e -> e.put("started_at", "yesterday")),
                bad("started_at", e -> e.put("started_at", Instant.now().plus(1, ChronoUnit.HOURS).toString())),
                bad("started_at", e -> e.put("started_at", Instant.now().minus(400, ChronoUnit.DAYS).toString())),
                bad("event_id", e -> e.put("event_id", "not-a-uuid")),
                bad("event_id", e -> e.put("event_id", "1-1-1-1-1")),
                bad("cached_input_tokens", e -> e.put("cached_input_tokens", 2000)),
                bad("cached_input_tokens", e -> {
                    e.put("cached_input_tokens", 600);
                    e.put("cache_write_tokens", 600);
                }),
                bad("reasoning_tokens", e -> e.put("reasoning_tokens", 201)),
                bad("cost", e -> e.put("cost", -0.01)),
                bad("cost", e -> e.put("cost", "free")),
                bad("prompt", e -> e.put("prompt", "p".repeat(201))),
                bad("label", e -> e.put("label", "l".repeat(101))),
                bad("model", e -> e.put("model", "m".repeat(201))),
                bad("provider", e -> e.put("provider", "p".repeat(101))),
                bad("error_code", e -> e.put("error_code", "e".repeat(101))),
                bad("user_id", e -> e.put("user_id", "u".repeat(201))),
                bad("metadata", e -> e.put("metadata", List.of(1, 2))),
                bad("metadata", e -> e.put("metadata", Map.of("blob", "x".repeat(5000)))),
                bad("version", e -> e.put("version", -1)),
                bad("time_to_first_token_ms", e -> e.put("time_to_first_token_ms", 500)),
                bad("surprise", e -> e.put("surprise", true)),
                bad("tenant_id", e -> e.put("tenant_id", "nope")));
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(event(prompt));
        for (Bad c : cases) {
            Map<String, Object> e = event(prompt);
            c.spoil().accept(e);
            batch.add(e);
        }
        var answer = postBatch(team.editor(), batch).statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.bad_events", equalTo(cases.size()))
                .extract().jsonPath();
        List<Integer> indexes = answer.getList("details.event_indexes", Integer.class);
        List<String> fields = answer.getList("details.fields.field", String.class);
        for (int i = 0; i < cases.size(); i++) {
            String expected = "events[" + (i + 1) + "]." + cases.get(i).field();
            org.junit.jupiter.api.Assertions.assertTrue(fields.contains(expected), expected + " missing from " + fields);
            org.junit.jupiter.api.Assertions.assertTrue(indexes.contains(i + 1), "index " + (i + 1) + " missing");
        }
        org.junit.jupiter.api.Assertions.assertFalse(indexes.contains(0), "the good event is not bad");
        assertEquals(0, count(UUID.fromString(team.tenantId())));
    }

    @Test
    void oneAnswerNamesTypeErrorsAndRuleErrorsTogether() {
        Accounts.Team team = newTeam();
        Map<String, Object> e = event(uniquePrompt("both"));
        e.put("latency_ms", "slow");
        e.put("output_tokens", -1);
        postBatch(team.editor(), List.of(e)).statusCode(400)
                .body("details.fields.field", hasItems("events[0].latency_ms", "events[0].output_tokens"));
    }

    @Test
    void theBatchItselfMustBeRight() {
        Accounts.Team team = newTeam();
        postBatch(team.editor(), List.of()).statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.field", hasItem("events"));
        as(team.editor()).body(Map.of("rows", List.of())).post("/api/v1/executions/batch").then().statusCode(400);
        as(team.editor()).body("{}").post("/api/v1/executions/batch").then().statusCode(400)
                .body("details.fields.field", hasItem("events"));
        as(team.editor()).body(Map.of("events", "many")).post("/api/v1/executions/batch").then().statusCode(400);
        as(team.editor()).body("[1, 2]").post("/api/v1/executions/batch").then().statusCode(400);
        as(team.editor()).body("{\"events\": [").post("/api/v1/executions/batch").then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"));
        as(team.editor()).body(Map.of("events", List.of("an event"))).post("/api/v1/executions/batch").then().statusCode(400)
                .body("details.fields.field", hasItem("events[0]"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(event("big"));
        }
        postBatch(team.editor(), many).statusCode(413).body("code", equalTo("BATCH_TOO_LARGE"));
        assertEquals(0, count(UUID.fromString(team.tenantId())));
    }

    @Test
    void manyBadEventsAreListedUpToTheCap() {
        Accounts.Team team = newTeam();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> e = new HashMap<>(event("cap"));
            e.put("latency_ms", -1);
            batch.add(e);
        }
        postBatch(team.editor(), batch).statusCode(400).body("details.bad_events", equalTo(300))
                .body("details.event_indexes.size()", equalTo(100)).body("details.event_indexes[0]", equalTo(0));
    }

    private long count(UUID tenant) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT (SELECT count(*) FROM events WHERE tenant_id = ?) + (SELECT count(*) FROM event_keys WHERE tenant_id = ?)")) {
            ps.setObject(1, tenant);
            ps.setObject(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
