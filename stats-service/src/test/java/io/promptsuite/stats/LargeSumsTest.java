package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The largest values the rules let in, summed: one tenant's absurd but valid costs must neither overflow a rollup
 * (which would stop the fold for every tenant) nor a live counter, and every total stays exact. An infinite number is
 * a 400 naming the field.
 */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class LargeSumsTest {

    @Inject
    DataSource ds;

    @Test
    void anInfiniteCostIsRefusedNamingTheField() {
        Accounts.Team team = newTeam();
        String body = "{\"events\":[" + toJson(event("infinite")).replace("}", ",\"cost\":1e400}") + "]}";
        as(team.editor()).body(body).post("/api/v1/executions/batch").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("details.fields.field", hasItem("events[0].cost"));
    }

    @Test
    void costsBeyondAnyFixedPrecisionFoldAndSumExactly() {
        Accounts.Team team = newTeam();
        UUID tenant = UUID.fromString(team.tenantId());
        String model = "absurd-" + UUID.randomUUID().toString().substring(0, 6);
        as(team.admin()).body(Map.of("model_pattern", model, "effective_from", "2024-01-01T00:00:00Z",
                "input_per_mtok", 10000, "output_per_mtok", 10000)).post("/api/v1/prices").then().statusCode(201);
        String prompt = uniquePrompt("large");
        Instant at = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES).plusSeconds(5);
        int batches = 60;
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Map<String, Object> e = event(prompt);
                e.put("model", model);
                e.put("input_tokens", 1_000_000_000L);
                e.put("output_tokens", 1_000_000_000L);
                e.put("started_at", at.toString());
                events.add(e);
            }
            postBatch(team.editor(), events).statusCode(202).body("accepted", equalTo(1000));
        }
        // Each event costs 2 × 10^9 tokens × 10,000 USD per million = 2 × 10^7 USD; 60,000 of them 1.2 × 10^12 USD,
        // beyond numeric(24,12) and beyond a long of pico-dollars.
        BigDecimal expected = new BigDecimal("1200000000000");
        RollupFixtures.awaitFolded(ds, tenant);
        String range = "from=" + at.truncatedTo(ChronoUnit.MINUTES) + "&to=" + at.plus(1, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.MINUTES) + "&prompt=" + prompt;
        JsonPath summary = SummaryTest.summary(team.viewer(), range);
        assertEquals(60_000, summary.getInt("rows[0].calls"));
        assertEquals(0, expected.compareTo(SummaryTest.cost(summary, "rows[0].cost")), "cost " + summary.get("rows[0].cost"));
        // The live view can't hold that sum in its counters, so it answers this minute from PostgreSQL, exactly.
        JsonPath live = JsonPath.from(as(team.viewer()).queryParam("minutes", 10).get("/api/v1/stats/live").then()
                .statusCode(200).extract().asString());
        assertEquals("postgresql", live.getString("source"));
        assertEquals(60_000, (int) live.getList("minutes.calls", Integer.class).stream().mapToInt(Integer::intValue).sum());
    }

    private static String toJson(Map<String, Object> event) {
        StringBuilder b = new StringBuilder("{");
        event.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v instanceof Number ? v.toString() : "\"" + v + "\""));
        return b.append('}').toString();
    }
}
