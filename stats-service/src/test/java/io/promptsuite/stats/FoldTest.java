package io.promptsuite.stats;

import static io.promptsuite.stats.RollupFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.rollup.LatencySketch;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The scheduled fold: pending events become minute, hour, day and user-hour rows, exactly. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class FoldTest {

    @Inject
    DataSource ds;

    /** 10,000 events over the last 30 hours (so two or three UTC days), in several dimensions, users and costs. */
    static List<Ev> knownEvents(UUID tenant, int n, long seed) {
        int[] latencies = LatencySketchTest.latencies(n, seed);
        Random random = new Random(seed);
        Instant now = Instant.now().minus(1, ChronoUnit.MINUTES);
        List<Ev> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = now.minusMillis((long) (random.nextDouble() * 30 * 3600_000L)).truncatedTo(ChronoUnit.MILLIS);
            events.add(new Ev(tenant, UUID.randomUUID(), at, i % 3 == 0 ? "summarise" : "classify", 1 + i % 2,
                    i % 4 == 0 ? "" : "production", i % 5 == 0 ? "gpt-4o" : "gpt-4o-mini", i % 2 == 0 ? "user-" + i % 7 : null,
                    i % 9 == 0, latencies[i], 100 + i % 50, i % 10, 20 + i % 30, i % 5,
                    new BigDecimal("0.000123456789").multiply(BigDecimal.valueOf(i % 13)), true));
        }
        return events;
    }

    @Test
    void foldedRowsAreTheExactSumsOfTheirEvents() {
        UUID tenant = UUID.randomUUID();
        List<Ev> events = knownEvents(tenant, 10_000, 42);
        // Two rounds, each folded before the next: the second merges into rows the first wrote.
        for (int round = 0; round < 2; round++) {
            List<Ev> half = events.subList(round * 5_000, (round + 1) * 5_000);
            for (int i = 0; i < half.size(); i += 1_000) {
                insert(ds, half.subList(i, i + 1_000));
            }
            awaitFolded(ds, tenant);
        }
        checkTable("rollup_minute", tenant, events, t -> t.truncatedTo(ChronoUnit.MINUTES));
        checkTable("rollup_hour", tenant, events, t -> t.truncatedTo(ChronoUnit.HOURS));
        checkTable("rollup_day", tenant, events, t -> t.truncatedTo(ChronoUnit.DAYS));

        // Percentiles of the whole range, from the day rows' sketches merged, against the exact values.
        LatencySketch all = LatencySketch.empty();
        rollup(ds, "rollup_day", tenant).forEach(r -> all.merge((byte[]) r.get("sketch")));
        int[] sorted = events.stream().mapToInt(Ev::latencyMs).sorted().toArray();
        for (double q : new double[] { 0.5, 0.95, 0.99 }) {
            double want = LatencySketchTest.exact(sorted, q);
            assertTrue(Math.abs(all.quantile(q) - want) <= 0.01 * want, "p" + q * 100 + ": " + all.quantile(q) + " vs " + want);
        }
        assertEquals(10_000, all.count());
    }

    @Test
    void userRowsCountOnlyEventsWithAUser() {
        UUID tenant = UUID.randomUUID();
        List<Ev> events = knownEvents(tenant, 2_000, 5);
        insert(ds, events);
        awaitFolded(ds, tenant);
        Map<String, long[]> expected = new HashMap<>();
        for (Ev e : events) {
            if (e.userId() != null) {
                long[] x = expected.computeIfAbsent(e.startedAt().truncatedTo(ChronoUnit.HOURS) + "|" + e.userId(), k -> new long[4]);
                x[0]++;
                x[1] += e.error() ? 1 : 0;
                x[2] += e.latencyMs();
                x[3] = Math.max(x[3], e.latencyMs());
            }
        }
        List<Map<String, Object>> rows = rollup(ds, "rollup_user_hour", tenant);
        assertEquals(expected.size(), rows.size());
        for (Map<String, Object> r : rows) {
            String key = (Instant) r.get("bucket") + "|" + r.get("user_id");
            long[] x = expected.get(key);
            assertEquals(x[0], ((Number) r.get("calls")).longValue(), key);
            assertEquals(x[1], ((Number) r.get("errors")).longValue(), key);
            assertEquals(x[2], ((Number) r.get("latency_sum")).longValue(), key);
            assertEquals(x[3], ((Number) r.get("latency_max")).longValue(), key);
        }
        assertEquals(events.stream().filter(e -> e.userId() != null).count(),
                count(ds, "SELECT sum(calls) FROM rollup_user_hour WHERE tenant_id = ?", tenant));
    }

    @Test
    void aReaderOfRollupsPlusPendingSeesEveryEventOnceWhileTheFoldRuns() {
        UUID tenant = UUID.randomUUID();
        // More than one fold transaction takes (stats.fold.max-events is 20,000), so the fold is seen in the middle.
        List<Ev> events = knownEvents(tenant, 24_000, 9);
        for (int i = 0; i < events.size(); i += 4_000) {
            insert(ds, events.subList(i, i + 4_000));
        }
        String oneSnapshot = "SELECT (SELECT coalesce(sum(calls), 0) FROM rollup_hour WHERE tenant_id = ?)"
                + " + (SELECT count(*) FROM pending WHERE tenant_id = ?)";
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (count(ds, "SELECT count(*) FROM pending WHERE tenant_id = ?", tenant) > 0) {
            assertTrue(System.nanoTime() < deadline, "the fold did not take every pending event within 90 s");
            assertEquals(24_000, count(ds, oneSnapshot, tenant, tenant));
        }
        assertEquals(24_000, count(ds, oneSnapshot, tenant, tenant));
    }

    @Test
    void foldsAreCountedInTheMetrics() {
        UUID tenant = UUID.randomUUID();
        insert(ds, knownEvents(tenant, 10, 1));
        awaitFolded(ds, tenant);
        given().get("/q/metrics").then().statusCode(200).body(containsString("stats_fold_events_total"))
                .body(containsString("stats_pending_events")).body(containsString("stats_fold_duration_seconds"));
    }

    /** Every row of the table equals the sums of its events, bucketed by {@code bucket}. */
    private void checkTable(String table, UUID tenant, List<Ev> events, Function<Instant, Instant> bucket) {
        Map<String, List<Ev>> groups = new HashMap<>();
        for (Ev e : events) {
            groups.computeIfAbsent(key(bucket.apply(e.startedAt()), e.prompt(), e.version(), e.label(), e.model()),
                    k -> new ArrayList<>()).add(e);
        }
        List<Map<String, Object>> rows = rollup(ds, table, tenant);
        assertEquals(groups.size(), rows.size(), table + " rows");
        for (Map<String, Object> r : rows) {
            String key = key((Instant) r.get("bucket"), (String) r.get("prompt"), (Integer) r.get("version"),
                    (String) r.get("label"), (String) r.get("model"));
            List<Ev> group = groups.get(key);
            assertTrue(group != null, table + " has a row no event belongs to: " + key);
            assertEquals(group.size(), num(r, "calls"), key);
            assertEquals(group.stream().filter(Ev::error).count(), num(r, "errors"), key);
            assertEquals(group.stream().mapToLong(Ev::latencyMs).sum(), num(r, "latency_sum"), key);
            assertEquals(group.stream().mapToLong(Ev::latencyMs).min().getAsLong(), num(r, "latency_min"), key);
            assertEquals(group.stream().mapToLong(Ev::latencyMs).max().getAsLong(), num(r, "latency_max"), key);
            assertEquals(group.stream().mapToLong(Ev::input).sum(), num(r, "input_tokens"), key);
            assertEquals(group.stream().mapToLong(Ev::cached).sum(), num(r, "cached_input_tokens"), key);
            assertEquals(group.stream().mapToLong(Ev::output).sum(), num(r, "output_tokens"), key);
            assertEquals(group.stream().mapToLong(Ev::reasoning).sum(), num(r, "reasoning_tokens"), key);
            assertEquals(0, group.stream().map(Ev::cost).reduce(BigDecimal.ZERO, BigDecimal::add).compareTo((BigDecimal) r.get("cost")), key);
            LatencySketch sketch = LatencySketch.decode((byte[]) r.get("sketch"));
            assertEquals(group.size(), sketch.count(), key);
            int[] sorted = group.stream().mapToInt(Ev::latencyMs).sorted().toArray();
            double median = LatencySketchTest.exact(sorted, 0.5);
            assertTrue(Math.abs(sketch.quantile(0.5) - median) <= 0.01 * median, key + " median " + sketch.quantile(0.5) + " vs " + median);
            assertEquals(Arrays.stream(sorted).max().getAsInt(), sketch.quantile(1.0), 0.01 * sorted[sorted.length - 1], key);
        }
    }

    private static String key(Instant bucket, String prompt, int version, String label, String model) {
        return bucket + "|" + prompt + "|" + version + "|" + label + "|" + model;
    }

    private static long num(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
