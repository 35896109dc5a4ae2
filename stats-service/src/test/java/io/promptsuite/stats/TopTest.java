package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.as;
import static io.promptsuite.stats.SummaryTest.D;
import static io.promptsuite.stats.SummaryTest.at;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Top: the prompts, models and users that matter most, largest first, ties by name, at most `limit`. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class TopTest {

    @Inject
    DataSource db;

    static JsonPath top(String token, String query) {
        return JsonPath.from(QueryFixtures.query(as(token), query).get("/api/v1/stats/top").then().statusCode(200).extract()
                .asString());
    }

    private static List<Integer> latencies(int n, int ms) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(ms);
        }
        return l;
    }

    @Test
    void promptsAndModelsByCallsErrorsCostAndLatency() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var a = new QueryFixtures.Dims("alpha", 1, "", "m-small");
        var b = new QueryFixtures.Dims("beta", 1, "", "m-large");
        var c = new QueryFixtures.Dims("gamma", 2, "prod", "m-small");
        f.folded(at("PT2H"), a, null, latencies(5, 100), 0, 10, 0, 1, "0.01");   // 5 calls, cost 0.05
        f.folded(at("PT3H"), b, null, latencies(3, 900), 3, 10, 0, 1, "1");     // 3 calls, 3 errors, cost 3
        f.folded(at("PT4H"), c, null, latencies(4, 300), 1, 10, 0, 1, "0.1");   // 4 calls, cost 0.4
        f.pending(at("PT5H"), c, null, false, 300, 10, 0, 1, "0.1");           // gamma: 5 calls, cost 0.5
        String range = "&from=" + D + "&to=" + at("PT24H");

        JsonPath byCalls = top(team.viewer(), "by=calls&dimension=prompt" + range);
        assertEquals(List.of("alpha", "gamma", "beta"), byCalls.getList("rows.prompt"));
        assertEquals(List.of(5, 5, 3), byCalls.getList("rows.value"));
        assertEquals(List.of(5, 5, 3), byCalls.getList("rows.calls"));
        assertEquals("calls", byCalls.getString("by"));

        assertEquals(List.of("beta", "gamma", "alpha"), top(team.viewer(), "by=errors&dimension=prompt" + range).getList("rows.prompt"));
        JsonPath byCost = top(team.viewer(), "by=cost&dimension=prompt" + range);
        assertEquals(List.of("beta", "gamma", "alpha"), byCost.getList("rows.prompt"));
        assertEquals(new BigDecimal("3"), SummaryTest.cost(byCost, "rows[0].value"));
        assertEquals(new BigDecimal("0.05"), SummaryTest.cost(byCost, "rows[2].cost"));

        JsonPath byLatency = top(team.viewer(), "by=latency_p95&dimension=model" + range);
        assertEquals(List.of("m-large", "m-small"), byLatency.getList("rows.model"));
        assertEquals(900, byLatency.getDouble("rows[0].value"), 9);
        assertEquals(10, byLatency.getInt("rows[1].calls"));
        // The default ranks prompts by calls; limit keeps the first ones.
        JsonPath limited = top(team.viewer(), "limit=2" + range);
        assertEquals(List.of("alpha", "gamma"), limited.getList("rows.prompt"));
        assertEquals("prompt", limited.getString("dimension"));
        // Filters narrow what is ranked.
        assertEquals(List.of("alpha", "gamma"), top(team.viewer(), "dimension=prompt&model=m-small" + range).getList("rows.prompt"));
    }

    @Test
    void usersComeFromTheirHourlyRollupsAndPendingEvents() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var p = QueryFixtures.dims("users");
        f.folded(at("PT2H10M"), p, "u-1", latencies(4, 50), 0, 10, 0, 1, "0.01");
        f.folded(at("PT3H10M"), p, "u-2", latencies(2, 500), 2, 10, 0, 1, "0.5");
        f.folded(at("PT3H20M"), p, null, latencies(9, 10), 0, 10, 0, 1, "0.01");  // no user: not ranked
        for (int i = 0; i < 3; i++) {
            f.pending(at("PT6H"), p, "u-2", false, 700, 10, 0, 1, "0.5");
        }
        f.pending(at("PT6H"), p, "u-3", false, 70, 10, 0, 1, "0.5");
        String range = "&from=" + D + "&to=" + at("PT24H");

        JsonPath byCalls = top(team.viewer(), "by=calls&dimension=user" + range);
        assertEquals(List.of("u-2", "u-1", "u-3"), byCalls.getList("rows.user_id"));
        assertEquals(List.of(5, 4, 1), byCalls.getList("rows.value"));
        // The sketch of u-2 merges its rollup (500, 500) with its pending events (700 x 3).
        JsonPath byLatency = top(team.viewer(), "by=latency_p95&dimension=user&limit=1" + range);
        assertEquals(List.of("u-2"), byLatency.getList("rows.user_id"));
        assertEquals(700, byLatency.getDouble("rows[0].value"), 7);
        assertEquals(new BigDecimal("2.5"), SummaryTest.cost(top(team.viewer(), "by=cost&dimension=user" + range), "rows[0].value"));
        // Users are counted per hour: the range moves to whole hours (02:30 becomes 02:00, so u-1 is in).
        JsonPath partial = top(team.viewer(), "dimension=user&from=" + at("PT2H30M") + "&to=" + at("PT3H1M"));
        assertEquals(List.of("u-1", "u-2"), partial.getList("rows.user_id"));
        assertEquals(at("PT2H").toString(), partial.getString("from"));
        assertEquals(at("PT4H").toString(), partial.getString("to"));
        // Per-user rollups carry no prompt or model: such a filter is refused, not ignored.
        as(team.viewer()).get("/api/v1/stats/top?dimension=user&prompt=users").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("details.fields.field", hasItem("prompt"));
    }
}
