package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.live.DataGenerations;
import jakarta.inject.Inject;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class LiveTest {

    @Test
    void theLastMinutesCountWhatWasJustAcceptedEveryMinutePresentOldestFirst() {
        Accounts.Team team = newTeam();
        String prompt = uniquePrompt("live");
        List<Map<String, Object>> events = List.of(costed(prompt, "0.01", false), costed(prompt, "0.02", true),
                costed(prompt, "0.0005", false));
        postBatch(team.admin(), events).statusCode(202);

        Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        JsonPath live = as(team.viewer()).get("/api/v1/stats/live?minutes=5").then().statusCode(200)
                .body("source", equalTo("redis")).body("minutes", hasSize(5)).extract().jsonPath();
        List<Map<String, Object>> minutes = live.getList("minutes");
        Instant previous = Instant.MIN;
        for (Map<String, Object> m : minutes) {
            Instant minute = OffsetDateTime.parse((String) m.get("minute")).toInstant();
            assertTrue(minute.isAfter(previous), "oldest first");
            assertEquals(minute, minute.truncatedTo(ChronoUnit.MINUTES));
            previous = minute;
        }
        Instant after = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        assertTrue(!previous.isBefore(before) && !previous.isAfter(after), "the current minute is the last one");
        assertEquals(3L, sum(minutes, "calls"));
        assertEquals(1L, sum(minutes, "errors"));
        assertEquals(3000L, sum(minutes, "input_tokens"));
        assertEquals(600L, sum(minutes, "output_tokens"));
        assertEquals(0, new BigDecimal("0.0305").compareTo(cost(minutes)));

        // Another tenant sees its own (empty) minutes only.
        Accounts.Team other = newTeam();
        List<Map<String, Object>> theirs = as(other.viewer()).get("/api/v1/stats/live?minutes=5").then().statusCode(200)
                .extract().jsonPath().getList("minutes");
        assertEquals(0L, sum(theirs, "calls"));
    }

    @Test
    void sixtyMinutesByDefaultAndOnlyOneToSixty() {
        Accounts.Team team = newTeam();
        as(team.viewer()).get("/api/v1/stats/live").then().statusCode(200).body("minutes", hasSize(60))
                .body("minutes[0].calls", equalTo(0)).body("minutes[0].cost", equalTo(0));
        as(team.viewer()).get("/api/v1/stats/live?minutes=1").then().statusCode(200).body("minutes", hasSize(1));
        for (String bad : List.of("0", "61", "-1", "abc", "1.5", "99999999999")) {
            as(team.viewer()).get("/api/v1/stats/live?minutes=" + bad).then().statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED")).body("details.fields[0].field", equalTo("minutes"));
        }
        checked().get("/api/v1/stats/live").then().statusCode(401);
        as(platformAdminToken()).get("/api/v1/stats/live").then().statusCode(200);
    }

    @Inject
    DataGenerations generations;

    @Test
    void aTenantsGenerationMovesWithItsIngestAndWithEveryBumpOfAllOnly() {
        Accounts.Team team = newTeam();
        Accounts.Team other = newTeam();
        UUID mine = UUID.fromString(team.tenantId());
        UUID theirs = UUID.fromString(other.tenantId());
        long before = generations.current(mine).orElseThrow();
        long othersBefore = generations.current(theirs).orElseThrow();
        assertEquals(before, generations.current(mine).orElseThrow(), "nothing happened: the same generation");

        postBatch(team.admin(), List.of(event(uniquePrompt("gen")))).statusCode(202);
        long afterIngest = generations.current(mine).orElseThrow();
        assertNotEquals(before, afterIngest, "seen at once on the instance that ingested");
        assertEquals(othersBefore, generations.current(theirs).orElseThrow(), "another tenant's answers stay cached");

        postBatch(team.admin(), List.of(event(uniquePrompt("gen")))).statusCode(202).body("accepted", equalTo(1));
        assertNotEquals(afterIngest, generations.current(mine).orElseThrow());

        generations.bumpAll();
        assertNotEquals(othersBefore, generations.current(theirs).orElseThrow(), "a bump of all moves every tenant");
    }

    static Map<String, Object> costed(String prompt, String cost, boolean error) {
        Map<String, Object> e = event(prompt);
        e.put("cost", new BigDecimal(cost));
        e.put("started_at", Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS).toString());
        if (error) {
            e.put("status", "error");
            e.put("error_code", "timeout");
        }
        return e;
    }

    static long sum(List<Map<String, Object>> minutes, String field) {
        return minutes.stream().mapToLong(m -> ((Number) m.get(field)).longValue()).sum();
    }

    static BigDecimal cost(List<Map<String, Object>> minutes) {
        return minutes.stream().map(m -> new BigDecimal(m.get("cost").toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
