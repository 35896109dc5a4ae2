package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.event;
import static io.promptsuite.stats.StatsApi.postBatch;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Through the front door: what POST /api/v1/executions/batch accepted is counted at once, exactly, and only once. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class QueryAfterIngestTest {

    @Test
    void anAcceptedBatchIsCountedAtOnceAndARepeatedOneNotAgain() {
        Accounts.Team team = StatsApi.newTeam();
        String prompt = StatsApi.uniquePrompt("ingested");
        Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> events = new ArrayList<>();
        List<Integer> latencies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Map<String, Object> e = event(prompt);
            int latency = 20 + (i * 37) % 900;
            latencies.add(latency);
            e.put("latency_ms", latency);
            e.put("status", i % 10 == 0 ? "error" : "success");
            e.put("cached_input_tokens", 300);
            e.put("cost", new BigDecimal("0.0025"));
            e.put("label", i % 2 == 0 ? "production" : "");
            e.put("started_at", start.plusSeconds(i).toString());
            events.add(e);
        }
        postBatch(team.editor(), events).statusCode(202).body("accepted", equalTo(400));
        String range = "from=" + start + "&to=" + start.plusSeconds(400) + "&prompt=" + prompt;

        JsonPath r = SummaryTest.summary(team.viewer(), range);
        assertEquals(400, r.getInt("rows[0].calls"));
        assertEquals(40, r.getInt("rows[0].errors"));
        assertEquals(400_000, r.getLong("rows[0].input_tokens"));
        assertEquals(120_000, r.getLong("rows[0].cached_input_tokens"));
        assertEquals(80_000, r.getLong("rows[0].output_tokens"));
        assertEquals(0, new BigDecimal("1").compareTo(SummaryTest.cost(r, "rows[0].cost")));
        for (String q : List.of("p50", "p95", "p99")) {
            double exact = QueryFixtures.nearestRank(latencies, Integer.parseInt(q.substring(1)) / 100.0);
            assertEquals(exact, r.getDouble("rows[0].latency_ms." + q), exact * 0.01, q);
        }
        JsonPath byLabel = SummaryTest.summary(team.viewer(), range + "&group_by=label");
        assertEquals(List.of("", "production"), byLabel.getList("rows.label"));
        assertEquals(List.of(200, 200), byLabel.getList("rows.calls"));

        // The same events again: all duplicates, and the numbers do not move.
        postBatch(team.editor(), events).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(400));
        assertEquals(400, SummaryTest.summary(team.viewer(), range).getInt("rows[0].calls"));
        JsonPath minutes = TimeseriesTest.series(team.viewer(), range + "&interval=minute");
        assertEquals(400, minutes.getList("points.value", Integer.class).stream().mapToInt(Integer::intValue).sum());
        assertEquals(prompt, TopTest.top(team.viewer(), "from=" + start + "&to=" + start.plusSeconds(400))
                .getString("rows[0].prompt"));
    }

    /**
     * The latest daylight-saving change that ingest still accepts (within retention), in whichever of a few zones had
     * one: its day is 23 or 25 hours long and the hours around it carry the offsets before and after.
     */
    @Test
    void aDaylightSavingChangeIngestedThroughTheApiCutsItsDayAndHours() {
        Instant now = Instant.now();
        ZoneOffsetTransition best = null;
        ZoneId bestZone = null;
        for (String name : List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago",
                "Pacific/Auckland")) {
            ZoneId zone = ZoneId.of(name);
            ZoneOffsetTransition t = zone.getRules().previousTransition(now.minus(Duration.ofDays(2)));
            if (t != null && t.getInstant().isAfter(now.minus(Duration.ofDays(80)))
                    && (best == null || t.getInstant().isAfter(best.getInstant()))) {
                best = t;
                bestZone = zone;
            }
        }
        Assumptions.assumeTrue(best != null, "no daylight-saving change within retention in these zones today");
        Accounts.Team team = StatsApi.newTeam();
        String prompt = StatsApi.uniquePrompt("dst");
        Instant change = best.getInstant();
        ZonedDateTime dayStart = change.atZone(bestZone).toLocalDate().atStartOfDay(bestZone);
        ZonedDateTime dayEnd = dayStart.toLocalDate().plusDays(1).atStartOfDay(bestZone);
        List<Map<String, Object>> events = new ArrayList<>();
        for (Instant at : List.of(dayStart.toInstant().plusSeconds(60), change.minus(Duration.ofMinutes(30)),
                change.plus(Duration.ofMinutes(30)), dayEnd.toInstant().minusSeconds(60))) {
            Map<String, Object> e = event(prompt);
            e.put("started_at", at.toString());
            events.add(e);
        }
        postBatch(team.editor(), events).statusCode(202).body("accepted", equalTo(4));
        String range = "prompt=" + prompt + "&tz=" + bestZone.getId() + "&from=" + dayStart.toOffsetDateTime() + "&to="
                + dayEnd.toOffsetDateTime();

        JsonPath day = TimeseriesTest.series(team.viewer(), "metric=calls&interval=day&" + range);
        assertEquals(List.of(dayStart.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)),
                day.getList("points.bucket"));
        assertEquals(List.of(4), day.getList("points.value"));

        JsonPath hours = TimeseriesTest.series(team.viewer(), "metric=calls&interval=hour&" + range);
        long length = Duration.between(dayStart, dayEnd).toHours();
        assertNotEquals(24, length);
        assertEquals(length, hours.getList("points").size());
        List<String> labels = hours.getList("points.bucket");
        List<Integer> values = hours.getList("points.value", Integer.class);
        String before = best.getOffsetBefore().getId().replace("Z", "+00:00");
        String after = best.getOffsetAfter().getId().replace("Z", "+00:00");
        assertTrue(labels.get(0).endsWith(before) && labels.get(labels.size() - 1).endsWith(after), labels.toString());
        int last = -1;
        for (int i = 0; i < labels.size(); i++) {
            assertTrue(labels.get(i).contains(":00:00"), labels.get(i));
            Instant label = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(labels.get(i)));
            assertEquals(dayStart.toInstant().plus(Duration.ofHours(i)), label, "hour " + i + " starts on the hour, one hour apart");
            if (values.get(i) > 0) {
                last = i;
            }
        }
        assertEquals(4, values.stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, values.get(0));
        assertEquals(labels.size() - 1, last);
        // The two events half an hour either side of the change are in different hours, labelled with both offsets.
        int beforeChange = (int) Duration.between(dayStart.toInstant(), change.minus(Duration.ofMinutes(30))).toHours();
        assertEquals(1, values.get(beforeChange));
        assertEquals(1, values.get(beforeChange + 1));
        assertTrue(labels.get(beforeChange).endsWith(before));
        assertTrue(labels.get(beforeChange + 1).endsWith(after));
    }
}
