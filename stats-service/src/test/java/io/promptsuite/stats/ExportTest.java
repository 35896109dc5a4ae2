package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class ExportTest {

    private static final String HEADER = "started_at,event_id,tenant_id,prompt,version,label,model,provider,status,"
            + "error_code,latency_ms,time_to_first_token_ms,input_tokens,cached_input_tokens,cache_write_tokens,"
            + "output_tokens,reasoning_tokens,cost,user_id,metadata";

    private static String range(Instant from, Instant to) {
        return "?from=" + from + "&to=" + to;
    }

    private static String lastHours(int hours) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return range(now.minus(hours, ChronoUnit.HOURS), now.plus(1, ChronoUnit.HOURS));
    }

    @Test
    void theTenantsEventsOfTheRangeOnlyQuotedAndGuarded() {
        Accounts.Team a = newTeam();
        Accounts.Team b = newTeam();
        String prompt = uniquePrompt("export");
        Map<String, Object> tricky = event(prompt);
        tricky.put("started_at", Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString());
        tricky.put("user_id", "=HYPERLINK(\"http://x\"), or \"worse\"");
        tricky.put("status", "error");
        tricky.put("error_code", "-rate,limited");
        tricky.put("metadata", Map.of("note", "a, \"quoted\"\nsecond line"));
        tricky.put("cost", 0.5);
        Map<String, Object> plain = event(prompt);
        Map<String, Object> old = event(prompt);
        old.put("started_at", Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).toString());
        postBatch(a.admin(), List.of(tricky, plain, old)).statusCode(202);
        Map<String, Object> others = event(prompt);
        postBatch(b.admin(), List.of(others)).statusCode(202);

        Response r = as(a.editor()).get("/api/v1/stats/export" + lastHours(1)).then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", allOf(startsWith("attachment; filename=\"stats-"), endsWith(".csv\"")))
                .extract().response();
        List<List<String>> rows = Csv.parse(r.asString());
        assertEquals(List.of(HEADER.split(",")), rows.get(0));
        assertEquals(3, rows.size(), "the header and the two events of the range, not the 5-hour-old one: " + rows);
        List<String> first = rows.get(1);
        assertEquals(tricky.get("event_id"), first.get(1), "oldest first");
        assertEquals(a.tenantId(), first.get(2));
        assertEquals(prompt, first.get(3));
        assertEquals("error", first.get(8));
        assertEquals("'-rate,limited", first.get(9));
        assertEquals("'=HYPERLINK(\"http://x\"), or \"worse\"", first.get(18));
        assertEquals("0.5", first.get(17));
        JsonNode metadata = json(first.get(19));
        assertEquals("a, \"quoted\"\nsecond line", metadata.path("note").asText());
        assertEquals(plain.get("event_id"), rows.get(2).get(1));
        assertEquals("success", rows.get(2).get(8));
        assertEquals("", rows.get(2).get(9));
        assertTrue(r.asString().contains("\r\n"), "RFC 4180 line ends");

        as(b.editor()).get("/api/v1/stats/export" + lastHours(1)).then().statusCode(200)
                .body(containsString((String) others.get("event_id")))
                .body(not(containsString((String) plain.get("event_id"))));
        as(a.admin()).get("/api/v1/stats/export" + lastHours(6)).then().statusCode(200)
                .body(containsString((String) old.get("event_id")));
    }

    @Test
    void ndjsonCarriesTheSameFieldsWithMetadataAsAnObject() throws Exception {
        Accounts.Team a = newTeam();
        Map<String, Object> e = event(uniquePrompt("ndjson"));
        e.put("metadata", Map.of("k", 1));
        e.put("user_id", "u1");
        postBatch(a.admin(), List.of(e)).statusCode(202);
        String body = as(a.editor()).get("/api/v1/stats/export" + lastHours(1) + "&format=ndjson").then().statusCode(200)
                .contentType(startsWith("application/x-ndjson")).extract().asString();
        String[] lines = body.split("\n");
        assertEquals(1, lines.length);
        JsonNode row = json(lines[0]);
        assertEquals(e.get("event_id"), row.path("event_id").asText());
        assertEquals(1, row.path("metadata").path("k").asInt());
        assertEquals("u1", row.path("user_id").asText());
        assertEquals(1000, row.path("input_tokens").asInt());
        assertTrue(row.path("time_to_first_token_ms").isNull());
        assertEquals(Set.of(HEADER.split(",")), fieldNames(row));
    }

    @Test
    void aLargeExportStreamsEveryEventOnce() throws IOException {
        Accounts.Team a = newTeam();
        String prompt = uniquePrompt("large");
        Set<String> sent = new HashSet<>();
        for (int batch = 0; batch < 20; batch++) {
            List<Map<String, Object>> events = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                Map<String, Object> e = event(prompt);
                e.put("started_at", Instant.now().minusMillis(60_000L + batch * 1000L + i).toString());
                events.add(e);
                sent.add((String) e.get("event_id"));
            }
            postBatch(a.admin(), events).statusCode(202).body("accepted", equalTo(1000));
        }
        Response r = given().auth().oauth2(a.editor()).get("/api/v1/stats/export" + lastHours(1)).then().statusCode(200)
                .extract().response();
        assertNull(r.header("Content-Length"), "streamed in chunks, not buffered to learn its length");
        Set<String> seen = new HashSet<>();
        Instant previous = Instant.MIN;
        try (InputStream in = r.asInputStream();
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertEquals(HEADER, lines.readLine());
            for (String line; (line = lines.readLine()) != null;) {
                String[] cells = line.split(",", 3);
                Instant started = Instant.parse(cells[0]);
                assertFalse(started.isBefore(previous), "ordered by started_at");
                previous = started;
                assertTrue(seen.add(cells[1]), "each event once");
            }
        }
        assertEquals(sent, seen);
    }

    @Test
    void badRangesFormatsAndRolesAreRefused() {
        Accounts.Team a = newTeam();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String path = "/api/v1/stats/export";
        as(a.viewer()).get(path + lastHours(1)).then().statusCode(403);
        checked().get(path + lastHours(1)).then().statusCode(401);
        as(a.editor()).get(path + lastHours(1) + "&format=xml").then().statusCode(400)
                .body("details.fields[0].field", equalTo("format"));
        as(a.editor()).get(path + "?to=" + now).then().statusCode(400).body("details.fields.field", hasItem("from"));
        as(a.editor()).get(path + "?from=yesterday&to=" + now).then().statusCode(400)
                .body("details.fields.field", hasItem("from"));
        as(a.editor()).get(path + range(now, now)).then().statusCode(400).body("details.fields.field", hasItem("to"));
        as(a.editor()).get(path + range(now, now.minusSeconds(1))).then().statusCode(400);
        as(a.editor()).get(path + range(now.minus(401, ChronoUnit.DAYS), now)).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        as(a.editor()).queryParam("from", "2026-01-01T00:00:00+01:00").queryParam("to", "2026-01-02T00:00:00Z").get(path)
                .then().statusCode(200)
                .body(equalTo(HEADER + "\r\n"));
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Set<String> fieldNames(JsonNode row) {
        Set<String> names = new HashSet<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A strict RFC 4180 reader: what a spreadsheet does with the file. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    assertEquals(0, cell.length(), "a quote only opens a cell");
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r') {
                    assertEquals('\n', text.charAt(i + 1), "CR only before LF");
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    assertFalse(c == '\n', "a bare LF outside quotes");
                    cell.append(c);
                }
            }
            assertFalse(quoted, "unterminated quote");
            assertTrue(row.isEmpty() && cell.length() == 0, "the last line ends with CRLF");
            return rows;
        }
    }
}
