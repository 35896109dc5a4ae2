package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many writers on one prompt at the same moment, as real parallel HTTP requests: nothing is lost, nothing reverted,
 * every 201 is its own version, and the prompt takes writes afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "prompt-service"))
class ConcurrentWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WRITERS = 16;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json);
    }

    /** Runs every task at once (released together) and answers their results in order. */
    private static List<Answer> together(List<Callable<Answer>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (Callable<Answer> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelVersionCreatesPatchesAndDeletesLoseNothing() throws Exception {
        Tenant t = newTenant();
        String name = uniqueName("busy");
        as(t.editor()).body(Map.of("name", name, "description", "before")).post("/api/v1/prompts").then().statusCode(201);
        for (int i = 0; i < 4; i++) {
            as(t.editor()).body(Map.of("type", "text", "template", "draft " + i)).post(path(name) + "/versions").then().statusCode(201);
        }
        Map<String, Object> draft = Map.of("type", "text", "template", "parallel");
        List<Callable<Answer>> tasks = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            tasks.add(() -> send(t.editor(), "POST", path(name) + "/versions", draft));
        }
        for (int i = 0; i < 12; i++) {
            int n = i;
            tasks.add(() -> send(t.editor(), "PATCH", path(name), Map.of("tags", List.of("tag-" + n))));
        }
        tasks.add(() -> send(t.editor(), "PATCH", path(name), Map.of("description", "set once, never reverted")));
        for (int v = 2; v <= 4; v++) {
            int number = v;
            tasks.add(() -> send(t.editor(), "DELETE", path(name) + "/versions/" + number, null));
        }
        for (int i = 0; i < 6; i++) {
            int n = i;
            tasks.add(() -> send(t.editor(), "PATCH", path(name) + "/versions/1", Map.of("commit_message", "m" + n)));
        }
        List<Answer> answers = together(tasks);

        Set<Integer> created = new HashSet<>();
        int createdCount = 0;
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            assertTrue(a.status() < 500, "task " + i + " answered " + a.status() + " " + a.body());
            if (i < 32) {
                assertEquals(201, a.status(), "a version create under contention: " + a.body());
                createdCount++;
                created.add(a.body().get("version").asInt());
            } else {
                assertTrue(a.status() == 200 || a.status() == 204, "task " + i + ": " + a.status() + " " + a.body());
            }
        }
        assertEquals(createdCount, created.size(), "every 201 is a distinct version: " + created);
        assertTrue(created.stream().allMatch(v -> v > 4), "no number was handed out twice: " + created);

        as(t.editor()).queryParam("size", 100).get(path(name) + "/versions").then().statusCode(200)
                .body("items.version", hasItems(created.toArray(Integer[]::new))).body("items.version", not(hasItems(2, 3, 4)))
                .body("total", equalTo(created.size() + 1));
        as(t.editor()).get(path(name)).then().statusCode(200).body("description", equalTo("set once, never reverted"))
                .body("tags", hasSize(1));
        // The prompt still takes writes, numbered after everything handed out.
        as(t.editor()).body(draft).post(path(name) + "/versions").then().statusCode(201)
                .body("version", equalTo(created.stream().max(Integer::compare).orElseThrow() + 1));
    }

    @Test
    void aDeleteIsNeverUndoneByAWriterThatWaitedForTheLock() throws Exception {
        Tenant t = newTenant();
        String name = uniqueName("doomed");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        List<Callable<Answer>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            tasks.add(() -> send(t.editor(), "PATCH", path(name), Map.of("description", "d" + n)));
            if (i == 5) {
                tasks.add(() -> send(t.admin(), "DELETE", path(name), null));
            }
        }
        for (Answer a : together(tasks)) {
            assertTrue(a.status() == 200 || a.status() == 204 || a.status() == 404, a.status() + " " + a.body());
        }
        as(t.admin()).get(path(name)).then().statusCode(404);
        as(t.admin()).queryParam("deleted", true).get("/api/v1/prompts").then().body("items.name", hasItem(name));

        // Restores racing each other: exactly one wins, the rest hear 409, and the prompt works afterwards.
        List<Callable<Answer>> restores = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            restores.add(() -> send(t.admin(), "POST", path(name) + "/restore", null));
        }
        List<Answer> answers = together(restores);
        assertEquals(1, answers.stream().filter(a -> a.status() == 200).count(), answers.toString());
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 409), answers.toString());
        as(t.editor()).body(Map.of("type", "text", "template", "alive")).post(path(name) + "/versions").then().statusCode(201)
                .body("version", equalTo(1));
        as(t.editor()).body(Map.of("description", "after")).patch(path(name)).then().statusCode(200);
    }
}
