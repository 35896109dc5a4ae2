package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * POST /api/v1/prompts/{name}/executions: what it accepts lands in the outbox as stats-service's event, what it
 * refuses leaves nothing behind. The stand-in stats-service is down for this class, so the rows stay to be read.
 */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "prompt-service"))
@QuarkusTestResource(value = FakeStatsService.class, restrictToAnnotatedClass = false)
class ExecutionOutboxTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource db;

    @BeforeAll
    static void statsServiceIsDown() {
        FakeStatsService.answer(events -> new FakeStatsService.Reply(503, "{\"code\":\"UNAVAILABLE\"}"));
    }

    @AfterAll
    static void statsServiceIsBack() {
        FakeStatsService.acceptAll();
    }

    static Map<String, Object> execution() {
        Map<String, Object> e = new HashMap<>();
        e.put("version", 1);
        e.put("model", "gpt-4o-mini");
        e.put("provider", "openai");
        e.put("status", "success");
        e.put("latency_ms", 120);
        e.put("input_tokens", 1000);
        e.put("output_tokens", 200);
        return e;
    }

    static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> e = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                e.remove((String) pairs[i]);
            } else {
                e.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return e;
    }

    static String executions(String name) {
        return path(name) + "/executions";
    }

    static String tenantOf(String token) {
        return claims(token).path("tid").asText();
    }

    static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant's outbox rows' events, oldest first. */
    List<JsonNode> outbox(String tenantId) {
        List<JsonNode> events = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT event::text FROM prompt.execution_outbox WHERE tenant_id = ?::uuid ORDER BY id")) {
            s.setString(1, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(JSON.readTree(rs.getString(1)));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    @Test
    void anAcceptedExecutionIsInTheOutboxAsStatsServicesEvent() throws Exception {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "exec", "Hi {{who}}", WHO_SCHEMA);
        Instant before = Instant.now().minusSeconds(1);
        Map<String, Object> body = with(execution(), "cached_input_tokens", 400, "reasoning_tokens", 50, "cost", new java.math.BigDecimal("0.00125"),
                "time_to_first_token_ms", 30, "metadata", Map.of("run", "nightly", "n", 3));
        String eventId = as(t.editor()).body(body).post(executions(name)).then().statusCode(202)
                .body("event_id", notNullValue()).extract().path("event_id");
        List<JsonNode> rows = outbox(tenantOf(t.editor()));
        assertEquals(1, rows.size());
        JsonNode e = rows.get(0);
        assertEquals(eventId, e.path("event_id").asText());
        assertEquals(tenantOf(t.editor()), e.path("tenant_id").asText());
        assertEquals(name, e.path("prompt").asText());
        assertEquals(1, e.path("version").asInt());
        assertFalse(e.has("label"));
        assertEquals("gpt-4o-mini", e.path("model").asText());
        assertEquals("success", e.path("status").asText());
        assertEquals(120, e.path("latency_ms").asInt());
        assertEquals(30, e.path("time_to_first_token_ms").asInt());
        assertEquals(1000, e.path("input_tokens").asLong());
        assertEquals(400, e.path("cached_input_tokens").asLong());
        assertEquals(200, e.path("output_tokens").asLong());
        assertEquals(50, e.path("reasoning_tokens").asLong());
        assertEquals(0, new java.math.BigDecimal("0.00125").compareTo(e.path("cost").decimalValue()));
        assertEquals("nightly", e.path("metadata").path("run").asText());
        // The defaults: the caller as user, now as the start.
        assertEquals(claims(t.editor()).path("sub").asText(), e.path("user_id").asText());
        Instant started = Instant.parse(e.path("started_at").asText());
        assertFalse(started.isBefore(before));
        assertFalse(started.isAfter(Instant.now()));
    }

    @Test
    void theCallersOwnEventIdStartedAtAndUserAreKept() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "exec", "Hi {{who}}", WHO_SCHEMA);
        String id = UUID.randomUUID().toString();
        String at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).toString();
        as(t.editor()).body(with(execution(), "event_id", id, "started_at", at, "user_id", "end-user-7", "status", "error",
                "error_code", "rate_limited")).post(executions(name)).then().statusCode(202).body("event_id", equalTo(id));
        // The same event reported again is taken again: stats-service counts the id once.
        as(t.editor()).body(with(execution(), "event_id", id, "started_at", at)).post(executions(name)).then()
                .statusCode(202).body("event_id", equalTo(id));
        JsonNode e = outbox(tenantOf(t.editor())).get(0);
        assertEquals(id, e.path("event_id").asText());
        assertEquals(Instant.parse(at), Instant.parse(e.path("started_at").asText()));
        assertEquals("end-user-7", e.path("user_id").asText());
        assertEquals("error", e.path("status").asText());
        assertEquals("rate_limited", e.path("error_code").asText());
    }

    @Test
    void aLabelAloneNamesTheVersionItPointsAt() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "exec", "Hi {{who}}", WHO_SCHEMA);
        as(t.editor()).body(Map.of("type", "text", "template", "v2 {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/2/publish").then().statusCode(200);
        as(t.editor()).body(Map.of("version", 2)).put(path(name) + "/labels/staging").then().statusCode(201);
        as(t.viewer()).body(with(execution(), "version", null, "label", "staging")).post(executions(name)).then().statusCode(202);
        // With both, the version that ran wins: the label may have moved since.
        as(t.viewer()).body(with(execution(), "version", 1, "label", "staging")).post(executions(name)).then().statusCode(202);
        List<JsonNode> rows = outbox(tenantOf(t.editor()));
        assertEquals(List.of(2, 1), rows.stream().map(r -> r.path("version").asInt()).toList());
        assertEquals(List.of("staging", "staging"), rows.stream().map(r -> r.path("label").asText()).toList());

        as(t.viewer()).body(with(execution(), "version", null)).post(executions(name)).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("details.fields.field", hasItem("version"));
        as(t.viewer()).body(with(execution(), "version", null, "label", "nope")).post(executions(name)).then()
                .statusCode(404).body("code", equalTo("LABEL_NOT_FOUND"));
        as(t.viewer()).body(with(execution(), "version", 9)).post(executions(name)).then().statusCode(404)
                .body("code", equalTo("VERSION_NOT_FOUND"));
        assertEquals(2, outbox(tenantOf(t.editor())).size());
    }

    @Test
    void badFieldsAreNamedAndNothingIsWritten() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "exec", "Hi {{who}}", WHO_SCHEMA);
        String big = "x".repeat(5000);
        Object[][] bad = {
                { "latency_ms", -1 }, { "input_tokens", -5 }, { "output_tokens", null }, { "model", null },
                { "model", "m".repeat(201) }, { "provider", " " }, { "status", "maybe" }, { "version", 0 },
                { "cached_input_tokens", 1001 }, { "reasoning_tokens", 201 }, { "cost", -0.5 },
                { "cost", new java.math.BigDecimal("0.0000000000001") }, { "time_to_first_token_ms", 121 }, { "label", "Not A Label" },
                { "started_at", "yesterday" }, { "started_at", Instant.now().plus(1, ChronoUnit.HOURS).toString() },
                { "started_at", Instant.now().minus(400, ChronoUnit.DAYS).toString() },
                { "metadata", Map.of("blob", big) }, { "error_code", "x" }, { "user_id", "u".repeat(201) } };
        for (Object[] c : bad) {
            String field = (String) c[0];
            as(t.editor()).body(with(execution(), field, c[1])).post(executions(name)).then()
                    .statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                    .body("details.fields.field", hasItem(field));
        }
        // Several at once are all named.
        as(t.editor()).body(with(execution(), "latency_ms", -1, "status", "maybe", "reasoning_tokens", 999)).post(executions(name))
                .then().statusCode(400).body("details.fields.field", hasItems("latency_ms", "status", "reasoning_tokens"));
        // Not JSON, a wrong type, an unknown field: refused before any of the above.
        as(t.editor()).body("{not json").post(executions(name)).then().statusCode(400);
        as(t.editor()).body(with(execution(), "latency_ms", "fast")).post(executions(name)).then().statusCode(400);
        as(t.editor()).body(with(execution(), "event_id", "not-a-uuid")).post(executions(name)).then().statusCode(400);
        as(t.editor()).body(with(execution(), "tenant_id", UUID.randomUUID().toString())).post(executions(name)).then()
                .statusCode(400).body("code", equalTo("UNKNOWN_FIELD"));
        as(t.editor()).body(with(execution(), "metadata", List.of(1, 2))).post(executions(name)).then().statusCode(400);
        assertTrue(outbox(tenantOf(t.editor())).isEmpty(), "a refused report left a row");
    }

    @Test
    void anotherTenantsPromptIsNotFoundAndGetsNoRow() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String name = publishedText(a.editor(), "exec", "Hi {{who}}", WHO_SCHEMA);
        as(b.admin()).body(execution()).post(executions(name)).then().statusCode(404).body("code", equalTo("PROMPT_NOT_FOUND"));
        // Even a public one: its executions would count in the owner's statistics.
        as(a.editor()).body(Map.of("visibility", "public")).patch(path(name)).then().statusCode(200);
        as(b.admin()).body(execution()).post(executions(name)).then().statusCode(404).body("code", equalTo("PROMPT_NOT_FOUND"));
        as(a.editor()).body(execution()).post(executions(uniqueName("missing"))).then().statusCode(404);
        assertTrue(outbox(tenantOf(a.editor())).isEmpty());
        assertTrue(outbox(tenantOf(b.admin())).isEmpty());
    }

    @Test
    void whoMayReportIsWhoMayRender() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "exec", "Hi {{who}}", WHO_SCHEMA);
        // A draft version: editors render it, viewers don't see it.
        as(t.editor()).body(Map.of("type", "text", "template", "draft {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.viewer()).body(with(execution(), "version", 2)).post(executions(name)).then().statusCode(404)
                .body("code", equalTo("VERSION_NOT_FOUND"));
        as(t.editor()).body(with(execution(), "version", 2)).post(executions(name)).then().statusCode(202);
        String viewerKey = apiKey(t.admin(), "viewer");
        withKey(viewerKey).body(execution()).post(executions(name)).then().statusCode(202);
        // A private prompt is not there for a viewer, as in rendering.
        as(t.editor()).body(Map.of("visibility", "private")).patch(path(name)).then().statusCode(200);
        as(t.viewer()).body(execution()).post(executions(name)).then().statusCode(404).body("code", equalTo("PROMPT_NOT_FOUND"));
        withKey(viewerKey).body(execution()).post(executions(name)).then().statusCode(404);
        as(t.editor()).body(execution()).post(executions(name)).then().statusCode(202);
        checked().body(execution()).post(executions(name)).then().statusCode(401);
        assertEquals(3, outbox(tenantOf(t.editor())).size());
    }
}
