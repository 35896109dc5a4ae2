package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A rough measurement, not a timed test: batches of 500 from a few threads for a while, the rate printed. Runs only
 * with {@code -Dingest.measure=true}; the figures for docs/benchmarks.md come from bench/.
 */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
@EnabledIfSystemProperty(named = "ingest.measure", matches = "true")
class IngestThroughputTest {

    @jakarta.inject.Inject
    io.promptsuite.stats.ingest.IngestService service;

    /** The same work without HTTP and JSON: where the time goes. */
    @Test
    void serviceAloneInBatchesOf500() throws Exception {
        UUID tenant = UUID.randomUUID();
        int batches = Integer.getInteger("ingest.measure.batches", 400);
        List<List<ExecutionEvent>> all = new ArrayList<>();
        java.time.Instant at = java.time.Instant.now().minusSeconds(60);
        for (int b = 0; b < batches; b++) {
            List<ExecutionEvent> events = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                events.add(new ExecutionEvent(UUID.randomUUID(), tenant, "bench-" + (i % 20), 1, "", "gpt-4o-mini", "openai",
                        false, null, 100, null, 1000, 0, 0, 200, 0, null, at, null, null));
            }
            all.add(events);
        }
        int threads = Integer.getInteger("ingest.measure.threads", 4);
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                for (long b; (b = next.getAndIncrement()) < batches;) {
                    accepted.addAndGet(service.accept(all.get((int) b)).accepted());
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("MEASURED service alone: %d events in %.2f s: %.0f events/s (%d threads)%n", accepted.get(), seconds,
                accepted.get() / seconds, threads);
        assertEquals(batches * 500L, accepted.get());
    }

    @Test
    void batchesOf500() throws Exception {
        Accounts.Team team = newTeam();
        String token = team.editor();
        int threads = Integer.getInteger("ingest.measure.threads", 4);
        int batches = Integer.getInteger("ingest.measure.batches", 400);
        ObjectMapper json = new ObjectMapper();
        // Bodies prepared ahead, so the client's own JSON work is not what is measured.
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Map<String, Object> e = event("bench-" + (i % 20));
                e.put("event_id", UUID.randomUUID().toString());
                events.add(e);
            }
            bodies.add(json.writeValueAsString(Map.of("events", events)));
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI target = java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/executions/batch");
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                for (long b; (b = next.getAndIncrement()) < batches;) {
                    // java.net.http rather than REST Assured: a lighter client leaves more of the two cores to the server.
                    var response = http.send(java.net.http.HttpRequest.newBuilder(target)
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(bodies.get((int) b))).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertEquals(202, response.statusCode());
                    accepted.addAndGet(json.readTree(response.body()).get("accepted").asInt());
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("MEASURED %d events in %.2f s: %.0f events/s (%d threads)%n", accepted.get(), seconds,
                accepted.get() / seconds, threads);
        assertEquals(batches * 500L, accepted.get());
    }
}
