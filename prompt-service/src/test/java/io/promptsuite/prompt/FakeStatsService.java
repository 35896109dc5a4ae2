package io.promptsuite.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for stats-service's batch endpoint at prompt-service's HTTP boundary, so the tests can make it fail,
 * refuse and come back on cue. Every prompt-service test boot points the relay here (never at a real stats-service
 * that happens to run on the machine). Tests script it per batch and read what it received.
 */
public class FakeStatsService implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One batch as it arrived. */
    public record Received(long nanos, String authorization, List<JsonNode> events, int status) {

        public boolean carriesTenant(String tenantId) {
            return events.stream().anyMatch(e -> tenantId.equals(e.path("tenant_id").asText()));
        }

        public List<String> eventIds() {
            return events.stream().map(e -> e.path("event_id").asText()).toList();
        }
    }

    public record Reply(int status, String body) {

        static Reply accepted(int n) {
            return new Reply(202, "{\"accepted\":" + n + ",\"duplicates\":0}");
        }
    }

    /** The default: stats-service takes everything. */
    public static final Function<List<JsonNode>, Reply> ACCEPT_ALL = events -> Reply.accepted(events.size());

    private static volatile Function<List<JsonNode>, Reply> script = ACCEPT_ALL;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** How the next batches are answered, until changed; batches of other tests are best answered with 202. */
    public static void answer(Function<List<JsonNode>, Reply> replies) {
        script = replies;
    }

    public static void acceptAll() {
        script = ACCEPT_ALL;
    }

    /** The batches that carried at least one event of the tenant, in arrival order. */
    public static List<Received> receivedFor(String tenantId) {
        return received.stream().filter(r -> r.carriesTenant(tenantId)).toList();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/executions/batch", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode body = JSON.readTree(in.readAllBytes());
                List<JsonNode> events = new ArrayList<>();
                body.path("events").forEach(events::add);
                Reply reply = script.apply(events);
                received.add(new Received(System.nanoTime(), exchange.getRequestHeaders().getFirst("Authorization"),
                        events, reply.status()));
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-stats-service");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return Map.of("prompt.executions.stats-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
