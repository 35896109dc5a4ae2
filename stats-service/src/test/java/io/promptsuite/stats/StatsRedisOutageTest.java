package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.live.DataGenerations;
import jakarta.inject.Inject;

import io.promptsuite.testing.NoRedisProfile;
import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** With Redis unreachable, ingest goes on, the live view answers from PostgreSQL, and health and metrics say so. */
@QuarkusTest
@TestProfile(NoRedisProfile.class)
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class StatsRedisOutageTest {

    @Inject
    DataGenerations generations;

    @Test
    void ingestGoesOnAndLiveAnswersFromPostgresql() {
        Accounts.Team team = newTeam();
        String prompt = uniquePrompt("no-redis");
        List<Map<String, Object>> events = List.of(LiveTest.costed(prompt, "0.25", false),
                LiveTest.costed(prompt, "0.5", true));
        postBatch(team.admin(), events).statusCode(202).body("accepted", equalTo(2));
        postBatch(team.admin(), events).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));

        List<Map<String, Object>> minutes = as(team.viewer()).get("/api/v1/stats/live?minutes=3").then().statusCode(200)
                .body("source", equalTo("postgresql")).body("minutes", hasSize(3)).extract().jsonPath()
                .getList("minutes");
        assertEquals(2L, LiveTest.sum(minutes, "calls"));
        assertEquals(1L, LiveTest.sum(minutes, "errors"));
        assertEquals(2000L, LiveTest.sum(minutes, "input_tokens"));
        assertEquals(0, new BigDecimal("0.75").compareTo(LiveTest.cost(minutes)));

        assertTrue(generations.current(UUID.fromString(team.tenantId())).isEmpty(), "no generation: nothing is cached");

        RestAssured.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("down"))
                .body("checks.find { it.name == 'redis' }.data.degraded", containsString("live counters"));
        RestAssured.given().get("/q/metrics").then().body(containsString("suite_redis_up 0.0"))
                .body(containsString("stats_live_redis_failures_total"));
    }
}
