package io.promptsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.promptsuite.testing.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The outbox end to end: auth-service, prompt-service and stats-service as packaged, on one database. Executions
 * reported while stats-service is down, across a restart of prompt-service, all arrive once stats-service is back,
 * and each is counted exactly once (one of them reported twice under the same event id).
 */
class ExecutionRelayTest {

    static final String ADMIN_PASSWORD = io.promptsuite.testing.TestEnvironment.bootstrapPassword();
    static final String PROMPT_SECRET = "e2e-prompt-client-secret-0123456789";
    static final String STATS_SECRET = "e2e-stats-client-secret-0123456789";

    static ServiceProcess auth;
    static ServiceProcess prompt;
    static ServiceProcess stats;
    static int statsPort;
    static Map<String, String> promptEnv;
    static Map<String, String> statsEnv;
    static String admin;

    @BeforeAll
    static void start() {
        int authPort = ServiceProcess.freePort();
        String authUrl = "http://127.0.0.1:" + authPort;
        auth = ServiceProcess.start("auth-service", authPort, Map.of("AUTH_BOOTSTRAP_PASSWORD", ADMIN_PASSWORD,
                "SUITE_ISSUER", authUrl, "SUITE_AUTH_URL", authUrl, "SUITE_PROMPT_CLIENT_SECRET", PROMPT_SECRET,
                "SUITE_STATS_CLIENT_SECRET", STATS_SECRET));
        statsPort = ServiceProcess.freePort();
        statsEnv = Map.of("SUITE_ISSUER", authUrl, "SUITE_AUTH_URL", authUrl, "SUITE_AUTH_CLIENT_ID", "stats-service",
                "SUITE_AUTH_CLIENT_SECRET", STATS_SECRET);
        stats = ServiceProcess.start("stats-service", statsPort, statsEnv);
        // A short backoff ceiling, so the relay is back within seconds of stats-service.
        promptEnv = Map.of("SUITE_ISSUER", authUrl, "SUITE_AUTH_URL", authUrl, "SUITE_AUTH_CLIENT_ID", "prompt-service",
                "SUITE_AUTH_CLIENT_SECRET", PROMPT_SECRET, "SUITE_STATS_URL", "http://127.0.0.1:" + statsPort,
                "PROMPT_EXECUTIONS_MAX_BACKOFF", "PT3S");
        prompt = ServiceProcess.start("prompt-service", ServiceProcess.freePort(), promptEnv);
        admin = given().baseUri(auth.url()).contentType(ContentType.JSON)
                .body(Map.of("tenant", "default", "email", "admin@local", "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess process : new ServiceProcess[] { prompt, stats, auth }) {
            if (process != null) {
                process.close();
            }
        }
    }

    static RequestSpecification on(ServiceProcess service) {
        return given().baseUri(service.url()).contentType(ContentType.JSON).auth().oauth2(admin);
    }

    static String publishedPrompt() {
        String name = "e2e/exec-" + UUID.randomUUID().toString().substring(0, 8);
        on(prompt).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("who", Map.of("type", "string")));
        on(prompt).body(Map.of("type", "text", "template", "Hi {{who}}", "variables_schema", schema)).post("/api/v1/prompts/" + name + "/versions")
                .then().statusCode(201);
        on(prompt).post("/api/v1/prompts/" + name + "/versions/1/publish").then().statusCode(200);
        return name;
    }

    static String report(String name, String eventId) {
        Map<String, Object> e = new HashMap<>();
        if (eventId != null) {
            e.put("event_id", eventId);
        }
        e.put("version", 1);
        e.put("model", "gpt-4o-mini");
        e.put("provider", "openai");
        e.put("status", "success");
        e.put("latency_ms", 100);
        e.put("input_tokens", 1000);
        e.put("output_tokens", 200);
        e.put("started_at", Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString());
        return on(prompt).body(e).post("/api/v1/prompts/" + name + "/executions").then().statusCode(202)
                .extract().path("event_id");
    }

    /** The prompt's calls as stats-service's summary counts them. */
    static long calls(String name) {
        List<Map<String, Object>> rows = on(stats).queryParam("from", Instant.now().minus(1, ChronoUnit.HOURS).toString())
                .queryParam("to", Instant.now().plus(1, ChronoUnit.HOURS).toString()).queryParam("prompt", name)
                .get("/api/v1/stats/summary").then().statusCode(200).extract().jsonPath().getList("rows");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("calls")).longValue();
    }

    static double metric(String series) {
        String metrics = given().baseUri(prompt.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + series + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }

    static void await(BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(message + " within 90 s");
            }
            Thread.sleep(250);
        }
    }

    @Test
    void executionsReportedWhileStatsServiceIsDownArriveExactlyOnceWhenItIsBack() throws Exception {
        String name = publishedPrompt();
        report(name, null);
        await(() -> calls(name) == 1, "the first execution did not reach stats-service");

        stats.close();
        String repeated = UUID.randomUUID().toString();
        report(name, repeated);
        for (int i = 0; i < 3; i++) {
            report(name, null);
        }
        // The same execution reported again (a client retrying after a lost answer): counted once.
        report(name, repeated);
        await(() -> metric("prompt_outbox_failures_total") >= 1 && metric("prompt_outbox_pending") >= 5,
                "the relay did not try (and fail) to reach the stopped stats-service");

        // prompt-service restarts with the rows still waiting: they are in its table, not in its memory.
        prompt.close();
        prompt = ServiceProcess.start("prompt-service", ServiceProcess.freePort(), promptEnv);
        stats = ServiceProcess.start("stats-service", statsPort, statsEnv);

        await(() -> calls(name) >= 5, "the executions reported while stats-service was down did not arrive");
        // The gauge of the new instance starts at 0: asked only once the deliveries are seen, it means "drained".
        await(() -> metric("prompt_outbox_pending") == 0, "the outbox did not drain after stats-service came back");
        assertEquals(5, calls(name), "every execution counted exactly once");
        // Nothing arrives late a second time.
        Thread.sleep(3000);
        assertEquals(5, calls(name));
        assertTrue(metric("prompt_outbox_delivered_total") >= 5);
    }
}
