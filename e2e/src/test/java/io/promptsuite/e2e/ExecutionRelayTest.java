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
 * and each is counted exactly once (one of them reported twice under the same event id); a relay killed after
 * stats-service took a batch but before it heard the answer sends the batch again, and nothing is counted twice.
 * prompt-service reaches stats-service through {@link Relay}, a pass-through the test can hold an answer in.
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
    static Relay relay;

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
        relay = new Relay("http://127.0.0.1:" + statsPort);
        // A short backoff ceiling, so the relay is back within seconds of stats-service.
        promptEnv = Map.of("SUITE_ISSUER", authUrl, "SUITE_AUTH_URL", authUrl, "SUITE_AUTH_CLIENT_ID", "prompt-service",
                "SUITE_AUTH_CLIENT_SECRET", PROMPT_SECRET, "SUITE_STATS_URL", relay.url(),
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
        if (relay != null) {
            relay.close();
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

    @Test
    void aRelayKilledAfterStatsServiceTookTheBatchSendsItAgainAndNothingIsCountedTwice() throws Exception {
        String name = publishedPrompt();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        relay.holdFirstAnswerCarrying(ids);
        for (String id : ids) {
            report(name, id);
        }
        assertTrue(relay.awaitHeld(90), "no batch of these executions reached stats-service");
        String heldId = relay.heldIds().get(0);
        long countedBeforeKill = calls(name);
        assertTrue(countedBeforeKill >= 1, "stats-service had not counted the held batch");

        // prompt-service dies waiting for the answer: its transaction never commits, the rows stay.
        prompt.close();
        relay.release();
        prompt = ServiceProcess.start("prompt-service", ServiceProcess.freePort(), promptEnv);
        await(() -> calls(name) >= 3 && relay.forwardsCarrying(heldId) >= 2,
                "the rows of the killed delivery were not sent again");
        await(() -> metric("prompt_outbox_pending") == 0, "the outbox did not drain");
        assertTrue(relay.sawDuplicates(), "stats-service's answer to the redelivery names no duplicates");
        assertEquals(3, calls(name), "a redelivered execution counted twice");
        Thread.sleep(2000);
        assertEquals(3, calls(name));
    }

    /**
     * Passes prompt-service's calls through to stats-service. Connection refused upstream becomes a connection
     * closed without an answer, as if stats-service were down. On request it forwards one batch and then holds the
     * answer back, so the relay can be killed in the gap between stats-service's commit and its own.
     */
    static final class Relay implements AutoCloseable {

        private final String upstream;
        private final com.sun.net.httpserver.HttpServer server;
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        private volatile List<String> holdFor = List.of();
        private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        private final List<String> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile List<String> heldIds = List.of();

        Relay(String upstream) {
            this.upstream = upstream;
            try {
                server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", this::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "e2e-stats-relay");
                t.setDaemon(true);
                return t;
            }));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** The first accepted batch carrying any of these event ids is forwarded but not answered. */
        void holdFirstAnswerCarrying(List<String> ids) {
            holdFor = ids;
        }

        boolean awaitHeld(int seconds) throws InterruptedException {
            return held.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
        }

        List<String> heldIds() {
            return heldIds;
        }

        void release() {
            released.countDown();
        }

        long forwardsCarrying(String id) {
            return forwarded.stream().filter(b -> b.contains(id)).count();
        }

        boolean sawDuplicates() {
            return answers.stream().anyMatch(a -> a.matches("(?s).*\"duplicates\"\\s*:\\s*[1-9].*"));
        }

        private void handle(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(upstream + exchange.getRequestURI()))
                        .timeout(java.time.Duration.ofSeconds(10))
                        .method(exchange.getRequestMethod(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Authorization", "Content-Type", "Accept")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                java.net.http.HttpResponse<byte[]> answer;
                try {
                    answer = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                } catch (java.io.IOException e) {
                    return; // stats-service is down: close without an answer
                }
                String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                forwarded.add(text);
                answers.add(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
                List<String> carried = holdFor.stream().filter(text::contains).toList();
                if (answer.statusCode() / 100 == 2 && !carried.isEmpty() && held.getCount() > 0) {
                    heldIds = carried;
                    held.countDown();
                    released.await(120, java.util.concurrent.TimeUnit.SECONDS);
                    return; // the caller is gone by now
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                if (answer.body().length > 0) {
                    exchange.getResponseBody().write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
        }
    }
}
