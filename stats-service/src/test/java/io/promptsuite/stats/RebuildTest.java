package io.promptsuite.stats;

import static io.promptsuite.stats.RollupFixtures.*;
import static io.promptsuite.stats.StatsApi.as;
import static io.promptsuite.stats.StatsApi.checked;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.rollup.FoldLock;
import io.promptsuite.stats.rollup.LatencySketch;
import io.promptsuite.stats.rollup.RollupRebuilder;
import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** POST /api/v1/admin/rollups/rebuild: the same rollups as the live fold, for the right callers only. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class RebuildTest {

    static final String PATH = "/api/v1/admin/rollups/rebuild";
    static final List<String> TABLES = List.of("rollup_minute", "rollup_hour", "rollup_day", "rollup_user_hour");

    @Inject
    DataSource ds;

    @Inject
    RollupRebuilder rebuilder;

    @Test
    void aRebuildEqualsTheLiveRollupsRowByRow() {
        Accounts.Team team = StatsApi.newTeam();
        UUID tenant = UUID.fromString(team.tenantId());
        List<Ev> events = FoldTest.knownEvents(tenant, 3_000, 17);
        for (int i = 0; i < events.size(); i += 500) {
            insert(ds, events.subList(i, i + 500));
        }
        awaitFolded(ds, tenant);
        Map<String, List<Map<String, Object>>> live = snapshot(tenant);

        Instant now = Instant.now();
        rebuild(team.admin(), now.minus(2, ChronoUnit.DAYS), now, null).statusCode(200)
                .body("from", equalTo(now.minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString()))
                .body("to", equalTo(now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).toString()))
                .body("events", equalTo(3_000))
                .body("rollup_rows", equalTo(live.values().stream().mapToInt(List::size).sum()));

        Map<String, List<Map<String, Object>>> rebuilt = snapshot(tenant);
        for (String table : TABLES) {
            assertSameRows(table, live.get(table), rebuilt.get(table));
        }
    }

    @Test
    void aRebuildRepairsOnlyTheTenantTheCallerMayTouch() {
        Accounts.Team a = StatsApi.newTeam();
        Accounts.Team b = StatsApi.newTeam();
        UUID ta = UUID.fromString(a.tenantId());
        UUID tb = UUID.fromString(b.tenantId());
        insert(ds, FoldTest.knownEvents(ta, 200, 3));
        insert(ds, FoldTest.knownEvents(tb, 200, 4));
        awaitFolded(ds, ta);
        awaitFolded(ds, tb);
        corrupt(ta);
        corrupt(tb);
        Instant now = Instant.now();
        Instant from = now.minus(2, ChronoUnit.DAYS);

        rebuild(a.viewer(), from, now, null).statusCode(403).body("code", equalTo("FORBIDDEN"));
        rebuild(a.editor(), from, now, null).statusCode(403).body("code", equalTo("FORBIDDEN"));
        rebuild(b.admin(), from, now, a.tenantId()).statusCode(403).body("code", equalTo("FORBIDDEN"));
        checked().queryParam("from", from.toString()).queryParam("to", now.toString()).post(PATH).then().statusCode(401);
        assertEquals(1_200, dayCalls(ta));

        rebuild(b.admin(), from, now, b.tenantId()).statusCode(200).body("events", equalTo(200));
        assertEquals(200, dayCalls(tb));
        assertEquals(1_200, dayCalls(ta), "b's rebuild left a's rows alone");

        rebuild(a.admin(), from, now, null).statusCode(200).body("events", equalTo(200));
        assertEquals(200, dayCalls(ta));

        // A platform admin names any tenant.
        corrupt(ta);
        rebuild(StatsApi.platformAdminToken(), from, now, a.tenantId()).statusCode(200).body("events", equalTo(200));
        assertEquals(200, dayCalls(ta));
    }

    @Test
    void badRangesAreRefusedNamingTheField() {
        String admin = StatsApi.newTeam().admin();
        Instant now = Instant.now();
        String day = now.minus(1, ChronoUnit.DAYS).toString();
        badField(as(admin).queryParam("to", now.toString()), "from");
        badField(as(admin).queryParam("from", "yesterday").queryParam("to", now.toString()), "from");
        badField(as(admin).queryParam("from", "2026-01-01T00:00:00").queryParam("to", now.toString()), "from");
        badField(as(admin).queryParam("from", now.toString()).queryParam("to", day), "to");
        badField(as(admin).queryParam("from", now.toString()).queryParam("to", now.toString()), "to");
        badField(as(admin).queryParam("from", now.minus(401, ChronoUnit.DAYS).toString()).queryParam("to", now.toString()), "to");
        badField(as(admin).queryParam("from", day).queryParam("to", now.plus(3, ChronoUnit.DAYS).toString()), "to");
        badField(as(admin).queryParam("from", day).queryParam("to", now.toString()).queryParam("tenant_id", "x"), "tenant_id");
        // Any offset is RFC 3339.
        as(admin).queryParam("from", "2026-01-01T00:00:00+05:30").queryParam("to", "2026-01-02T00:00:00-08:00").post(PATH).then()
                .statusCode(200).body("from", equalTo("2025-12-31T00:00:00Z")).body("to", equalTo("2026-01-03T00:00:00Z"));
    }

    @Test
    void aSecondRebuildIsRefusedWhileOneRuns() throws Exception {
        Accounts.Team team = StatsApi.newTeam();
        UUID tenant = UUID.fromString(team.tenantId());
        Instant now = Instant.now();
        // Holding the fold lock here parks the first rebuild at its first day, deterministically "running".
        try (Connection holder = ds.getConnection()) {
            try (PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, FoldLock.KEY);
                ps.execute();
            }
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> rebuilder.rebuild(tenant, now.minus(1, ChronoUnit.DAYS), now));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (count(ds, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    + " AND classid::bigint = ? AND objid::bigint = ?", FoldLock.KEY >>> 32, FoldLock.KEY & 0xFFFFFFFFL) == 0) {
                assertTrue(System.nanoTime() < deadline, "the first rebuild never waited for the lock");
                Thread.sleep(50);
            }
            rebuild(team.admin(), now.minus(1, ChronoUnit.DAYS), now, null).statusCode(409).body("code", equalTo("REBUILD_RUNNING"));
            try (PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, FoldLock.KEY);
                ps.execute();
            }
            first.get(60, TimeUnit.SECONDS);
        }
        rebuild(team.admin(), now.minus(1, ChronoUnit.DAYS), now, null).statusCode(200);
    }

    private void badField(io.restassured.specification.RequestSpecification request, String field) {
        request.post(PATH).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.field", hasItem(field));
    }

    static ValidatableResponse rebuild(String token, Instant from, Instant to, String tenantId) {
        var request = as(token).queryParam("from", from.toString()).queryParam("to", to.toString());
        if (tenantId != null) {
            request = request.queryParam("tenant_id", tenantId);
        }
        return request.post(PATH).then();
    }

    private void corrupt(UUID tenant) {
        // One row of the day table gets 1,000 calls it never had, as a lost or doubled fold would leave it.
        execute(ds, "UPDATE rollup_day SET calls = calls + 1000 WHERE (tenant_id, bucket, prompt, version, label, model) ="
                + " (SELECT tenant_id, bucket, prompt, version, label, model FROM rollup_day WHERE tenant_id = ? LIMIT 1)", tenant);
    }

    private long dayCalls(UUID tenant) {
        return count(ds, "SELECT sum(calls) FROM rollup_day WHERE tenant_id = ?", tenant);
    }

    private Map<String, List<Map<String, Object>>> snapshot(UUID tenant) {
        return Map.of("rollup_minute", rollup(ds, "rollup_minute", tenant), "rollup_hour", rollup(ds, "rollup_hour", tenant),
                "rollup_day", rollup(ds, "rollup_day", tenant), "rollup_user_hour", rollup(ds, "rollup_user_hour", tenant));
    }

    /** Equal columns, and sketches that answer the same at every quantile (their bytes may be laid out differently). */
    static void assertSameRows(String table, List<Map<String, Object>> want, List<Map<String, Object>> got) {
        assertEquals(want.size(), got.size(), table + " rows");
        for (int i = 0; i < want.size(); i++) {
            Map<String, Object> w = want.get(i);
            Map<String, Object> g = got.get(i);
            for (String column : w.keySet()) {
                if (column.equals("sketch")) {
                    LatencySketch ws = LatencySketch.decode((byte[]) w.get(column));
                    LatencySketch gs = LatencySketch.decode((byte[]) g.get(column));
                    assertEquals(ws.count(), gs.count(), table + " row " + i + " sketch count");
                    for (double q : LatencySketchTest.QUANTILES) {
                        assertEquals(ws.quantile(q), gs.quantile(q), 0.0, table + " row " + i + " q" + q);
                    }
                } else if (w.get(column) instanceof java.math.BigDecimal wb) {
                    assertEquals(0, wb.compareTo((java.math.BigDecimal) g.get(column)), table + " row " + i + " " + column);
                } else {
                    assertEquals(w.get(column), g.get(column), table + " row " + i + " " + column);
                }
            }
        }
    }
}
