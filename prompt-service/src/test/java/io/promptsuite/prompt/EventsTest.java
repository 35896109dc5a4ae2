package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EventsTest {

    @TestHTTPResource("/api/v1/prompt-events")
    URL events;

    /** Reads the stream until a line contains {@code expected} (or the wait ends), collecting every line. */
    private Thread listen(String token, List<String> lines, CountDownLatch connected, String expected, CountDownLatch seen) {
        Thread thread = new Thread(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(events.toString()))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
                HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofInputStream());
                connected.countDown();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(line);
                        if (line.contains(expected)) {
                            seen.countDown();
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                connected.countDown();
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void labelMovesReachTheTenantsSubscribersOnly() throws Exception {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String name = publishedText(a.editor(), "evented", "Hi {{who}}", WHO_SCHEMA);
        List<String> mine = new CopyOnWriteArrayList<>();
        List<String> theirs = new CopyOnWriteArrayList<>();
        CountDownLatch connectedA = new CountDownLatch(1);
        CountDownLatch connectedB = new CountDownLatch(1);
        CountDownLatch seenA = new CountDownLatch(1);
        CountDownLatch seenB = new CountDownLatch(1);
        listen(a.viewer(), mine, connectedA, "\"label\":\"staging\"", seenA);
        listen(b.viewer(), theirs, connectedB, name, seenB);
        assertTrue(connectedA.await(5, TimeUnit.SECONDS) && connectedB.await(5, TimeUnit.SECONDS));
        Thread.sleep(300);

        as(a.editor()).body(Map.of("version", 1, "reason", "stage it")).put(path(name) + "/labels/staging").then().statusCode(201);
        assertTrue(seenA.await(5, TimeUnit.SECONDS), "the move reached the tenant's stream: " + mine);
        String data = mine.stream().filter(l -> l.startsWith("data:")).reduce("", String::concat);
        assertTrue(data.contains("\"type\":\"label.moved\"") && data.contains(name) && data.contains("\"version\":1"), data);
        assertTrue(mine.stream().anyMatch(l -> l.equals("event:label.moved") || l.equals("event: label.moved")), mine.toString());
        assertFalse(seenB.await(1, TimeUnit.SECONDS), "another tenant heard: " + theirs);
    }

    @Test
    void theStreamNeedsCredentials() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                .send(HttpRequest.newBuilder(URI.create(events.toString())).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
    }
}
