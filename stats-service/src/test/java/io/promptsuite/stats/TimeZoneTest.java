package io.promptsuite.stats;

import static io.promptsuite.stats.QueryFixtures.dims;
import static io.promptsuite.stats.SummaryTest.D;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

/** Days and hours begin where the asked zone says: 23- and 25-hour days at DST changes, half-hour offsets. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class TimeZoneTest {

    @Inject
    DataSource db;

    private static void one(QueryFixtures f, String instant) {
        f.folded(Instant.parse(instant), dims("tz"), null, List.of(100), 0, 1, 0, 1, "0");
    }

    @Test
    void springForwardInBerlinMakesA23HourDay() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        one(f, "2026-03-28T22:30:00Z"); // 23:30 CET on the 28th
        one(f, "2026-03-28T23:30:00Z"); // 00:30 CET on the 29th
        one(f, "2026-03-29T21:30:00Z"); // 23:30 CEST on the 29th
        one(f, "2026-03-29T22:30:00Z"); // 00:30 CEST on the 30th
        JsonPath days = TimeseriesTest.series(team.viewer(), "metric=calls&interval=day&tz=Europe/Berlin"
                + "&from=2026-03-28T00:00:00+01:00&to=2026-03-31T00:00:00+02:00");
        assertEquals("Europe/Berlin", days.getString("tz"));
        assertEquals(List.of("2026-03-28T00:00:00+01:00", "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"),
                days.getList("points.bucket"));
        assertEquals(List.of(1, 2, 1), days.getList("points.value"));

        JsonPath hours = TimeseriesTest.series(team.viewer(), "metric=calls&interval=hour&tz=Europe/Berlin"
                + "&from=2026-03-29T00:00:00+01:00&to=2026-03-30T00:00:00+02:00");
        assertEquals(23, hours.getList("points").size());
        assertEquals("2026-03-29T01:00:00+01:00", hours.getString("points[1].bucket"));
        assertEquals("2026-03-29T03:00:00+02:00", hours.getString("points[2].bucket"));
        assertEquals("2026-03-29T23:00:00+02:00", hours.getString("points[22].bucket"));
        assertEquals(1, hours.getInt("points[0].value"));
        assertEquals(1, hours.getInt("points[22].value"));
        assertEquals(2, hours.getList("points.value", Integer.class).stream().mapToInt(Integer::intValue).sum());

        // Summary by day cuts the same days; a '+' sent unencoded (arriving as a space) still means '+'.
        JsonPath summary = JsonPath.from(StatsApi.as(team.viewer()).urlEncodingEnabled(false)
                .get("/api/v1/stats/summary?group_by=day&tz=Europe/Berlin&from=2026-03-28T00:00:00+01:00"
                        + "&to=2026-03-31T00:00:00%2B02:00")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of("2026-03-28T00:00:00+01:00", "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"),
                summary.getList("rows.bucket"));
        assertEquals(List.of(1, 2, 1), summary.getList("rows.calls"));
    }

    @Test
    void fallBackInBerlinMakesA25HourDayWithTwoHoursAtTwo() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        one(f, "2026-10-24T21:59:00Z"); // 23:59 CEST on the 24th
        one(f, "2026-10-24T22:00:00Z"); // 00:00 CEST on the 25th
        one(f, "2026-10-25T00:30:00Z"); // 02:30 CEST, the first 02:30
        one(f, "2026-10-25T01:30:00Z"); // 02:30 CET, the second
        one(f, "2026-10-25T22:59:00Z"); // 23:59 CET on the 25th
        one(f, "2026-10-25T23:00:00Z"); // 00:00 CET on the 26th
        JsonPath days = TimeseriesTest.series(team.viewer(), "metric=calls&interval=day&tz=Europe/Berlin"
                + "&from=2026-10-24T00:00:00+02:00&to=2026-10-27T00:00:00+01:00");
        assertEquals(List.of("2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"),
                days.getList("points.bucket"));
        assertEquals(List.of(1, 4, 1), days.getList("points.value"));

        JsonPath hours = TimeseriesTest.series(team.viewer(), "metric=calls&interval=hour&tz=Europe/Berlin"
                + "&from=2026-10-25T00:00:00+02:00&to=2026-10-26T00:00:00+01:00");
        assertEquals(25, hours.getList("points").size());
        assertEquals("2026-10-25T02:00:00+02:00", hours.getString("points[2].bucket"));
        assertEquals("2026-10-25T02:00:00+01:00", hours.getString("points[3].bucket"));
        assertEquals("2026-10-25T03:00:00+01:00", hours.getString("points[4].bucket"));
        assertEquals(List.of(1, 0, 1, 1, 0), hours.getList("points.value").subList(0, 5));
        assertEquals(1, hours.getInt("points[24].value"));
    }

    @Test
    void kolkataDaysAndHoursBeginAtHalfPastUtc() {
        Accounts.Team team = StatsApi.newTeam();
        QueryFixtures f = new QueryFixtures(db, team.tenantId());
        one(f, D.plus(Duration.parse("PT18H29M")).toString()); // 23:59 IST
        one(f, D.plus(Duration.parse("PT18H30M")).toString()); // 00:00 IST the next day
        f.pending(D.plus(Duration.parse("PT18H59M59S")), dims("tz"), null, false, 5, 1, 0, 1, "0"); // 00:29:59 IST
        LocalDate day = LocalDate.ofInstant(D, ZoneOffset.UTC);
        String fromDay = day + "T00:00:00+05:30";
        JsonPath days = TimeseriesTest.series(team.viewer(), "metric=calls&interval=day&tz=Asia/Kolkata&from=" + fromDay
                + "&to=" + day.plusDays(2) + "T00:00:00+05:30");
        assertEquals(List.of(day + "T00:00:00+05:30", day.plusDays(1) + "T00:00:00+05:30"), days.getList("points.bucket"));
        assertEquals(List.of(1, 2), days.getList("points.value"));

        JsonPath hours = TimeseriesTest.series(team.viewer(), "metric=calls&interval=hour&tz=Asia/Kolkata&from="
                + day + "T23:00:00+05:30&to=" + day.plusDays(1) + "T02:00:00+05:30");
        assertEquals(List.of(day + "T23:00:00+05:30", day.plusDays(1) + "T00:00:00+05:30", day.plusDays(1) + "T01:00:00+05:30"),
                hours.getList("points.bucket"));
        assertEquals(List.of(1, 2, 0), hours.getList("points.value"));
    }
}
