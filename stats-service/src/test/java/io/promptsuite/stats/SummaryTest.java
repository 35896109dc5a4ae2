package io.promptsuite.stats;

import static io.promptsuite.stats.QueryFixtures.dims;
import static io.promptsuite.stats.StatsApi.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;

/** Summary: exact counts and sums over every kind of piece, percentiles from merged sketches, each group_by, filters. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class SummaryTest {

    /** A UTC midnight three days ago: recent enough for per-minute precision, old enough to hold whole days. */
    static final Instant D = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));

    @Inject
    DataSource db;

    static JsonPath summary(String token, String query) {
        return JsonPath.from(QueryFixtures.query(as(token), query).get("/api/v1/stats/summary").then().statusCode(200).extract().asString());
    }

    /** A decimal exactly as sent, not through a float. */
    static BigDecimal cost(JsonPath r, String path) {
        Object v = r.using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL)).get(path);
        return new BigDecimal(String.valueOf(v));
    }

    static Instant at(String offsetFromD) {
        return D.plus(Duration.parse(offsetFromD));
    }

    @Test
    void totalsAreExactOverDaysHoursMinutesAndPendingAndCountedOnceAfterTheFold() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var p = dims("totals");
        f.folded(at("-PT1H31M").plusSeconds(10), p, null, List.of(1, 1), 0, 10, 0, 1, "0.1");      // 22:29:10, before from
        f.folded(at("-PT1H30M"), p, null, List.of(100, 200), 1, 1000, 400, 200, "0.001");           // 22:30, minute edge
        f.folded(at("-PT45M"), p, null, List.of(300, 300, 300), 0, 1000, 400, 200, "0.001");         // 23:15, hour edge
        f.folded(at("PT12H"), p, null, List.of(50, 60, 70, 80), 2, 1000, 400, 200, "0.001");         // inside the day
        f.folded(at("PT24H30M"), p, null, List.of(10, 10, 10, 10, 10), 0, 1000, 400, 200, "0.001");  // next day 00:30
        f.folded(at("PT25H14M59S"), p, null, List.of(5, 5, 5, 5, 5, 5), 0, 1000, 400, 200, "0.001"); // 01:14:59
        f.folded(at("PT25H15M"), p, null, List.of(9, 9, 9, 9, 9, 9, 9), 0, 10, 0, 1, "0.1");         // 01:15, the end
        f.pending(at("PT25H10M30S"), p, null, true, 900, 1000, 400, 200, "0.001");
        f.pending(at("PT25H15M"), p, null, false, 1, 10, 0, 1, "0.1");
        f.pending(at("-PT1H30M").minusMillis(1), p, null, false, 1, 10, 0, 1, "0.1");
        String range = "from=" + at("-PT1H30M") + "&to=" + at("PT25H15M");

        JsonPath r = summary(team.viewer(), range);
        assertEquals(1, r.getList("rows").size());
        assertEquals(21, r.getLong("rows[0].calls"));
        assertEquals(4, r.getLong("rows[0].errors"));
        assertEquals(4.0 / 21, r.getDouble("rows[0].error_rate"), 1e-6);
        assertEquals(21_000, r.getLong("rows[0].input_tokens"));
        assertEquals(8_400, r.getLong("rows[0].cached_input_tokens"));
        assertEquals(4_200, r.getLong("rows[0].output_tokens"));
        assertEquals(new BigDecimal("0.021"), cost(r, "rows[0].cost"));
        assertEquals(900, r.getLong("rows[0].latency_ms.max"));
        long sum = 300 + 900 + 260 + 50 + 30 + 900;
        assertEquals(Math.round(100.0 * sum / 21) / 100.0, r.getDouble("rows[0].latency_ms.mean"), 1e-9);
        assertEquals(at("-PT1H30M").toString(), r.getString("from"));

        // The folder moves the pending events into the rollups: the same totals, nothing counted twice.
        f.foldPending();
        JsonPath after = summary(team.viewer(), range);
        assertEquals(21, after.getLong("rows[0].calls"));
        assertEquals(4, after.getLong("rows[0].errors"));
        assertEquals(new BigDecimal("0.021"), cost(after, "rows[0].cost"));
    }

    @Test
    void percentilesAreWithinOnePercentOfTheExactValues() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var p = dims("pct");
        Random random = new Random(42);
        List<Integer> all = new ArrayList<>();
        String[] when = { "-PT50M", "-PT20M", "PT3H", "PT13H", "PT23H59M", "PT24H5M", "PT24H40M" };
        for (int piece = 0; piece < when.length; piece++) {
            List<Integer> latencies = new ArrayList<>();
            for (int i = 0; i < 2800; i++) {
                // Log-normal around 150 ms with a long tail, like real LLM latencies; a slower mix in some pieces.
                latencies.add((int) Math.max(1, Math.round(Math.exp(5 + (piece % 3) * 0.3 + 0.8 * random.nextGaussian()))));
            }
            f.folded(at(when[piece]), p, null, latencies, 0, 1, 0, 1, "0");
            all.addAll(latencies);
        }
        for (int i = 0; i < 400; i++) {
            int latency = (int) Math.max(1, Math.round(Math.exp(6 + 0.5 * random.nextGaussian())));
            f.pending(at("PT24H50M").plusMillis(i), p, null, false, latency, 1, 0, 1, "0");
            all.add(latency);
        }
        JsonPath r = summary(team.viewer(), "from=" + at("-PT1H") + "&to=" + at("PT25H"));
        assertEquals(all.size(), r.getLong("rows[0].calls"));
        for (String q : List.of("p50", "p95", "p99")) {
            double exact = QueryFixtures.nearestRank(all, Integer.parseInt(q.substring(1)) / 100.0);
            double got = r.getDouble("rows[0].latency_ms." + q);
            assertTrue(Math.abs(got - exact) <= 0.01 * exact, q + ": " + got + " vs exact " + exact);
        }
        assertEquals(all.stream().mapToInt(Integer::intValue).max().orElseThrow(), r.getLong("rows[0].latency_ms.max"));
        double mean = all.stream().mapToLong(Integer::longValue).sum() / (double) all.size();
        assertEquals(mean, r.getDouble("rows[0].latency_ms.mean"), 0.006);
    }

    @Test
    void eachGroupByCarriesItsKeyAndFiltersCombine() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var a1 = new QueryFixtures.Dims("a", 1, "production", "m1");
        var a2 = new QueryFixtures.Dims("a", 2, "", "m2");
        var b1 = new QueryFixtures.Dims("b", 1, "staging", "m1");
        f.folded(at("PT1H"), a1, null, List.of(10, 20), 0, 1, 0, 1, "0.5");
        f.folded(at("PT26H"), a2, null, List.of(30, 40, 50), 1, 1, 0, 1, "0.25");
        f.pending(at("PT26H10M"), b1, null, false, 60, 1, 0, 1, "2");
        String range = "from=" + D + "&to=" + at("PT48H");

        JsonPath byPrompt = summary(team.viewer(), range + "&group_by=prompt");
        assertEquals(List.of("a", "b"), byPrompt.getList("rows.prompt"));
        assertEquals(List.of(5, 1), byPrompt.getList("rows.calls"));
        assertEquals("prompt", byPrompt.getString("group_by"));

        JsonPath byVersion = summary(team.viewer(), range + "&group_by=version");
        assertEquals(List.of("a", "a", "b"), byVersion.getList("rows.prompt"));
        assertEquals(List.of(1, 2, 1), byVersion.getList("rows.version"));
        assertEquals(List.of(2, 3, 1), byVersion.getList("rows.calls"));
        assertEquals(new BigDecimal("1"), cost(byVersion, "rows[0].cost"));
        assertEquals(new BigDecimal("0.75"), cost(byVersion, "rows[1].cost"));
        assertEquals(new BigDecimal("2"), cost(byVersion, "rows[2].cost"));

        JsonPath byModel = summary(team.viewer(), range + "&group_by=model");
        assertEquals(List.of("m1", "m2"), byModel.getList("rows.model"));
        assertEquals(List.of(3, 3), byModel.getList("rows.calls"));

        JsonPath byLabel = summary(team.viewer(), range + "&group_by=label");
        assertEquals(List.of("", "production", "staging"), byLabel.getList("rows.label"));
        assertEquals(List.of(3, 2, 1), byLabel.getList("rows.calls"));

        JsonPath byDay = summary(team.viewer(), range + "&group_by=day");
        assertEquals(List.of(D.toString(), D.plus(Duration.ofDays(1)).toString()), byDay.getList("rows.bucket"));
        assertEquals(List.of(2, 4), byDay.getList("rows.calls"));

        JsonPath byHour = summary(team.viewer(), range + "&group_by=hour");
        assertEquals(48, byHour.getList("rows").size());
        assertEquals(2, byHour.getInt("rows[1].calls"));
        assertEquals(4, byHour.getInt("rows[26].calls"));
        assertEquals(at("PT26H").toString(), byHour.getString("rows[26].bucket"));
        assertEquals(0, byHour.getInt("rows[0].calls"));

        // Filters combine with each other and with group_by.
        assertEquals(3, summary(team.viewer(), range + "&prompt=a&model=m2").getInt("rows[0].calls"));
        assertEquals(0, summary(team.viewer(), range + "&prompt=b&model=m2").getInt("rows[0].calls"));
        assertEquals(3, summary(team.viewer(), range + "&label=").getInt("rows[0].calls"));
        assertEquals(2, summary(team.viewer(), range + "&prompt=a&version=1").getInt("rows[0].calls"));
        JsonPath m1 = summary(team.viewer(), range + "&model=m1&group_by=prompt");
        assertEquals(List.of("a", "b"), m1.getList("rows.prompt"));
        assertEquals(List.of(2, 1), m1.getList("rows.calls"));
        // Without data: one row of zeros.
        JsonPath none = summary(team.viewer(), range + "&prompt=nothing");
        assertEquals(0, none.getInt("rows[0].calls"));
        assertEquals(0.0, none.getDouble("rows[0].latency_ms.p95"));
    }

    @Test
    void fromAndToAreWidenedToTheirMinutesAndPendingEventsFilteredByTheirExactStart() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var p = dims("edges");
        f.pending(at("PT10H30S"), p, null, false, 10, 1, 0, 1, "0");
        f.pending(at("PT10H").minusSeconds(1), p, null, false, 10, 1, 0, 1, "0");
        f.pending(at("PT10H1M"), p, null, false, 10, 1, 0, 1, "0");
        // 10:00:45 to 10:00:50 means the minute 10:00: the event at 10:00:30 is in, 09:59:59 and 10:01:00 are not.
        JsonPath r = summary(team.viewer(), "from=" + at("PT10H45S") + "&to=" + at("PT10H50S"));
        assertEquals(1, r.getInt("rows[0].calls"));
        assertEquals(at("PT10H").toString(), r.getString("from"));
        assertEquals(at("PT10H1M").toString(), r.getString("to"));
        assertEquals(2, summary(team.viewer(), "from=" + at("PT10H") + "&to=" + at("PT10H1M1S")).getInt("rows[0].calls"));
        // An offset in the request is honoured and answered in the asked zone.
        JsonPath berlin = summary(team.viewer(), "from=" + at("PT10H").atOffset(java.time.ZoneOffset.ofHours(5))
                + "&to=" + at("PT11H") + "&tz=Asia/Kolkata");
        assertEquals(2, berlin.getInt("rows[0].calls"));
        assertThat(berlin.getString("from"), endsWith("+05:30"));
    }

    private static <T> void assertThat(T actual, org.hamcrest.Matcher<? super T> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }
}
