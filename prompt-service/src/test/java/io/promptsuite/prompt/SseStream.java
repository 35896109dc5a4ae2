package io.promptsuite.prompt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A test's SSE subscriber: reads the stream on its own thread and keeps every line and whether the stream ended. */
final class SseStream implements AutoCloseable {

    final List<String> lines = new CopyOnWriteArrayList<>();
    volatile int status;
    volatile boolean closedByServer;
    private volatile java.io.InputStream body;
    private final Thread thread;

    private SseStream(String url, Map<String, String> headers) {
        thread = new Thread(() -> {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
                headers.forEach(request::header);
                HttpResponse<java.io.InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                status = response.statusCode();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                }
                closedByServer = true;
            } catch (Exception e) {
                if (status == 0) {
                    status = -1;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    static SseStream open(String url, Map<String, String> headers) {
        return new SseStream(url, headers);
    }

    /** Waits until the server greeted the stream (its first comment) or answered something else. */
    SseStream connected() {
        await(s -> s.lines.stream().anyMatch(l -> l.startsWith(":")) || (s.status != 0 && s.status != 200), 10_000);
        return this;
    }

    boolean await(Predicate<SseStream> condition, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (condition.test(this)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.test(this);
    }

    boolean saw(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    /** The ids of the events (not comments) received, in order. */
    List<String> eventIds() {
        List<String> ids = new ArrayList<>();
        List<String> copy = new ArrayList<>(lines);
        String id = null;
        boolean event = false;
        for (String line : copy) {
            if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                event = true;
            } else if (line.isEmpty()) {
                if (event && id != null) {
                    ids.add(id);
                }
                id = null;
                event = false;
            }
        }
        return ids;
    }

    /** The last id the stream carried, event or not: what a browser would send back as Last-Event-ID. */
    String lastId() {
        String last = null;
        for (String line : lines) {
            if (line.startsWith("id:")) {
                last = line.substring(3).trim();
            }
        }
        return last;
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (Exception ignored) {
            // closing a stream the server may have closed already
        }
        thread.interrupt();
    }
}
