package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.as;
import static io.promptsuite.stats.SummaryTest.D;
import static io.promptsuite.stats.SummaryTest.at;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Who sees what (each tenant only its own; a platform admin may ask about any or all), and every bad input a 400. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class QueryAccessTest {

    @Inject
    DataSource db;

    @Test
    void aTenantSeesOnlyItsOwnNumbersAndAPlatformAdminMayAskAboutAnyOrAll() {
        Accounts.Team a = StatsApi.newTeam();
        Accounts.Team b = StatsApi.newTeam();
        QueryFixtures fa = new QueryFixtures(db, a.tenantId());
        var p = QueryFixtures.dims("private");
        fa.folded(at("PT1H"), p, "user-a", List.of(10, 20, 30), 1, 1, 0, 1, "0.1");
        fa.pending(at("PT2H"), p, "user-a", false, 10, 1, 0, 1, "0.1");
        String range = "from=" + D + "&to=" + at("PT24H");

        assertEquals(4, SummaryTest.summary(a.viewer(), range).getInt("rows[0].calls"));
        assertEquals(0, SummaryTest.summary(b.admin(), range).getInt("rows[0].calls"));
        assertEquals(0, SummaryTest.summary(b.admin(), range + "&group_by=prompt").getList("rows").size());
        assertEquals(0, TimeseriesTest.series(b.viewer(), range + "&interval=day").getInt("points[0].value"));
        assertEquals(0, TopTest.top(b.viewer(), range).getList("rows").size());
        assertEquals(0, TopTest.top(b.viewer(), range + "&dimension=user").getList("rows").size());
        // An API key of the tenant reads like its members.
        String key = StatsApi.apiKey(a.admin(), "viewer");
        assertEquals(4, body(StatsApi.withKey(key).queryParam("from", D.toString()).queryParam("to", at("PT24H").toString())
                .get("/api/v1/stats/summary")).getInt("rows[0].calls"));

        // Naming another tenant is only for a platform admin; naming one's own is harmless.
        for (String path : List.of("summary", "timeseries", "top")) {
            as(b.admin()).queryParam("tenant_id", a.tenantId()).get("/api/v1/stats/" + path).then().statusCode(403)
                    .body("code", equalTo("FORBIDDEN"));
            as(b.admin()).queryParam("tenant_id", "*").get("/api/v1/stats/" + path).then().statusCode(403);
        }
        assertEquals(4, SummaryTest.summary(a.viewer(), range + "&tenant_id=" + a.tenantId()).getInt("rows[0].calls"));
        String admin = StatsApi.platformAdminToken();
        assertEquals(4, SummaryTest.summary(admin, range + "&tenant_id=" + a.tenantId()).getInt("rows[0].calls"));
        assertEquals(List.of("user-a"), TopTest.top(admin, range + "&dimension=user&tenant_id=" + a.tenantId()).getList("rows.user_id"));
        assertTrue(SummaryTest.summary(admin, range + "&tenant_id=*").getInt("rows[0].calls") >= 4);
        assertEquals(0, SummaryTest.summary(admin, range + "&tenant_id=" + b.tenantId()).getInt("rows[0].calls"));

        // Without a credential: 401; with a service token that acts for no tenant: 403.
        StatsApi.checked().get("/api/v1/stats/summary").then().statusCode(401);
        as(StatsApi.writerServiceToken()).get("/api/v1/stats/summary").then().statusCode(403);

        // Every answer is timed per endpoint.
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String endpoint : List.of("summary", "timeseries", "top")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("stats_query_seconds_count{")
                    && l.contains("endpoint=\"" + endpoint + "\"")), endpoint);
        }
    }

    private static io.restassured.path.json.JsonPath body(Response r) {
        return io.restassured.path.json.JsonPath.from(r.then().statusCode(200).extract().asString());
    }

    @Test
    void everyBadParameterIsA400NamingItsField() {
        Accounts.Team t = StatsApi.newTeam();
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("/summary?group_by=week", "group_by");
        bad.put("/summary?group_by=", "group_by");
        bad.put("/summary?from=yesterday", "from");
        bad.put("/summary?from=2026-03-29T00:00:00", "from");
        bad.put("/summary?to=2026-13-01T00:00:00Z", "to");
        bad.put("/summary?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to");
        bad.put("/summary?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z", "to");
        bad.put("/summary?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to");
        bad.put("/summary?from=0001-01-01T00:00:00Z", "from");
        bad.put("/summary?from=%2B999999999-01-01T00:00:00Z", "from");
        bad.put("/summary?from=2099-01-01T00:00:00Z", "from");
        bad.put("/summary?tz=Mars/Olympus", "tz");
        bad.put("/summary?tz=%2B05:00", "tz");
        bad.put("/summary?version=99999999999999999999", "version");
        bad.put("/summary?version=-1", "version");
        bad.put("/summary?version=1.5", "version");
        bad.put("/summary?prompt=", "prompt");
        bad.put("/summary?model=a&model=b", "model");
        bad.put("/summary?prompt=" + "x".repeat(600), "prompt");
        bad.put("/summary?tenant_id=not-a-uuid", "tenant_id");
        bad.put("/timeseries?metric=p42", "metric");
        bad.put("/timeseries?interval=week", "interval");
        bad.put("/timeseries?interval=MINUTE", "interval");
        bad.put("/timeseries?interval=minute&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "from");
        bad.put("/top?by=latency_p50", "by");
        bad.put("/top?dimension=label", "dimension");
        bad.put("/top?limit=0", "limit");
        bad.put("/top?limit=101", "limit");
        bad.put("/top?limit=99999999999999999999999999", "limit");
        bad.put("/top?limit=ten", "limit");
        bad.put("/top?dimension=user&model=x", "model");
        for (var e : bad.entrySet()) {
            Response r = as(t.viewer()).urlEncodingEnabled(false).get("/api/v1/stats" + e.getKey());
            assertEquals(400, r.statusCode(), e.getKey() + " answered " + r.asString());
            assertEquals("VALIDATION_FAILED", r.path("code"), e.getKey());
            assertTrue(r.<List<String>>path("details.fields.field").contains(e.getValue()), e.getKey() + ": " + r.asString());
        }
        // Several problems at once are listed together.
        as(t.viewer()).urlEncodingEnabled(false).get("/api/v1/stats/top?by=x&limit=0&tz=nowhere").then().statusCode(400)
                .body("details.fields.field", hasItems("by", "limit"));
    }
}
