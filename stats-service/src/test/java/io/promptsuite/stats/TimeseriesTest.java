package io.promptsuite.stats;

import static io.promptsuite.stats.QueryFixtures.dims;
import static io.promptsuite.stats.StatsApi.as;
import static io.promptsuite.stats.SummaryTest.D;
import static io.promptsuite.stats.SummaryTest.at;
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
import jakarta.inject.Inject;

/** Timeseries: every bucket of the range, zeros where nothing happened, each metric, and points that add up. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class TimeseriesTest {

    @Inject
    DataSource db;

    static JsonPath series(String token, String query) {
        return JsonPath.from(QueryFixtures.query(as(token), query).get("/api/v1/stats/timeseries").then().statusCode(200).extract().asString());
    }

    @Test
    void everyBucketIsAnsweredAndEmptyOnesAreZero() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var p = dims("series");
        List<Integer> tens = new ArrayList<>();
        for (int ms = 10; ms <= 200; ms += 10) {
            tens.add(ms);
        }
        f.folded(at("PT1H10M"), p, null, tens, 1, 1000, 100, 50, "0.01");
        f.pending(at("PT4H59M59S"), p, null, true, 1000, 500, 0, 20, "0.5");
        String range = "&interval=hour&from=" + D + "&to=" + at("PT6H");

        JsonPath calls = series(team.viewer(), "metric=calls" + range);
        assertEquals("calls", calls.getString("metric"));
        assertEquals("hour", calls.getString("interval"));
        assertEquals("UTC", calls.getString("tz"));
        assertEquals(6, calls.getList("points").size());
        List<String> buckets = new ArrayList<>();
        for (int h = 0; h < 6; h++) {
            buckets.add(D.plus(Duration.ofHours(h)).toString());
        }
        assertEquals(buckets, calls.getList("points.bucket"));
        assertEquals(List.of(0, 20, 0, 0, 1, 0), calls.getList("points.value"));
        assertEquals(List.of(0, 1, 0, 0, 1, 0), series(team.viewer(), "metric=errors" + range).getList("points.value"));
        assertEquals(List.of(0, 21_000, 0, 0, 520, 0), series(team.viewer(), "metric=tokens" + range).getList("points.value"));
        JsonPath rate = series(team.viewer(), "metric=error_rate" + range);
        assertEquals(0.05, rate.getDouble("points[1].value"), 1e-9);
        assertEquals(1.0, rate.getDouble("points[4].value"), 1e-9);
        assertEquals(0.0, rate.getDouble("points[0].value"), 1e-9);
        JsonPath cost = series(team.viewer(), "metric=cost" + range);
        assertEquals(new BigDecimal("0.2"), SummaryTest.cost(cost, "points[1].value"));
        assertEquals(new BigDecimal("0.5"), SummaryTest.cost(cost, "points[4].value"));
        assertEquals(BigDecimal.ZERO, SummaryTest.cost(cost, "points[2].value"));
        JsonPath p95 = series(team.viewer(), "metric=latency_p95" + range);
        assertEquals(190, p95.getDouble("points[1].value"), 190 * 0.01);
        assertEquals(1000, p95.getDouble("points[4].value"), 1000 * 0.01);
        assertEquals(0.0, p95.getDouble("points[3].value"), 1e-9);
        JsonPath p50 = series(team.viewer(), "metric=latency_p50" + range);
        assertEquals(100, p50.getDouble("points[1].value"), 1);
        assertEquals(1000, series(team.viewer(), "metric=latency_p99" + range).getDouble("points[4].value"), 10);
    }

    @Test
    void pointsAddUpToTheSummaryOfTheSameRange() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var p = dims("adds");
        Random random = new Random(7);
        long expected = 0;
        for (int i = 0; i < 40; i++) {
            Instant t = D.minus(Duration.ofHours(20)).plusSeconds(random.nextInt(60 * 60 * 60));
            int n = 1 + random.nextInt(5);
            List<Integer> latencies = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                latencies.add(10 + random.nextInt(500));
            }
            f.folded(t, p, null, latencies, 0, 1, 0, 1, "0");
            f.pending(t.plusMillis(1), p, null, false, 5, 1, 0, 1, "0");
            Instant from = at("-PT13H17M");
            Instant to = at("PT30H41M");
            if (!t.isBefore(from.truncatedTo(ChronoUnit.MINUTES)) && t.isBefore(to)) {
                expected += n + 1;
            }
        }
        String range = "&from=" + at("-PT13H17M") + "&to=" + at("PT30H41M");
        long total = SummaryTest.summary(team.viewer(), range.substring(1)).getLong("rows[0].calls");
        assertEquals(expected, total);
        for (String interval : List.of("minute", "hour", "day")) {
            for (String tz : List.of("UTC", "Asia/Kolkata", "America/St_Johns")) {
                JsonPath s = series(team.viewer(), "metric=calls&interval=" + interval + "&tz=" + tz + range);
                long sum = s.getList("points.value", Long.class).stream().mapToLong(Long::longValue).sum();
                assertEquals(total, sum, interval + " in " + tz);
            }
        }
        // The first bucket is labelled with its start even when the range begins inside it.
        JsonPath days = series(team.viewer(), "metric=calls&interval=day" + range);
        assertEquals(D.minus(Duration.ofDays(1)).toString(), days.getString("points[0].bucket"));
        assertEquals(3, days.getList("points").size());
    }

    @Test
    void minuteBucketsAndTheirLimits() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        var p = dims("minutes");
        f.folded(at("PT8H2M5S"), p, null, List.of(1, 2), 0, 1, 0, 1, "0");
        f.pending(at("PT8H2M59S"), p, null, false, 3, 1, 0, 1, "0");
        f.pending(at("PT8H4M"), p, null, false, 3, 1, 0, 1, "0");
        JsonPath s = series(team.viewer(), "metric=calls&interval=minute&from=" + at("PT8H") + "&to=" + at("PT8H5M"));
        assertEquals(List.of(0, 0, 3, 0, 1), s.getList("points.value"));
        assertEquals(at("PT8H2M").toString(), s.getString("points[2].bucket"));

        // 10 days of minutes are more than stats.query.max-buckets (10,000).
        as(team.viewer()).get("/api/v1/stats/timeseries?interval=minute&from=" + at("-P10D") + "&to=" + D).then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("details.fields[0].field", equalTo("interval"));
        // Per-minute rollups are kept 14 days: older minutes can't be answered.
        Instant old = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS);
        as(team.viewer()).get("/api/v1/stats/timeseries?interval=minute&from=" + old + "&to=" + old.plusSeconds(3600)).then()
                .statusCode(400).body("details.fields[0].field", equalTo("from"));
        // The same hour per hour is fine.
        as(team.viewer()).get("/api/v1/stats/timeseries?interval=hour&from=" + old + "&to=" + old.plusSeconds(3600)).then()
                .statusCode(200).body("points", hasSize(1));
    }
}
