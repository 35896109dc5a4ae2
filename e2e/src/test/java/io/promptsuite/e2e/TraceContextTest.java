package io.promptsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.promptsuite.testing.ServiceProcess;
import io.promptsuite.testing.auth.Accounts;

/**
 * W3C trace context across services: a call that enters prompt-service with a {@code traceparent} reaches
 * auth-service (API-key introspection) in the same trace, as a child of prompt-service's client span, and the server
 * span carries the request id and the tenant. The spans are read from a collector of the test's own (OTLP/HTTP).
 */
class TraceContextTest {

    record Exported(String service, Span span) {
    }

    static final String SECRET = "e2e-trace-client-secret-0123456789";
    static final List<Exported> SPANS = new CopyOnWriteArrayList<>();

    static HttpServer collector;
    static ServiceProcess auth;
    static ServiceProcess prompt;

    @BeforeAll
    static void start() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (exchange) {
                for (ResourceSpans resource : ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes())
                        .getResourceSpansList()) {
                    String service = resource.getResource().getAttributesList().stream()
                            .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                            .findFirst().orElse("?");
                    resource.getScopeSpansList().forEach(scope -> scope.getSpansList()
                            .forEach(span -> SPANS.add(new Exported(service, span))));
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        collector.start();
        Map<String, String> tracing = Map.of(
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S");
        int authPort = ServiceProcess.freePort();
        String authUrl = "http://127.0.0.1:" + authPort;
        auth = ServiceProcess.start("auth-service", authPort, with(tracing, Map.of(
                "AUTH_BOOTSTRAP_PASSWORD", io.promptsuite.testing.TestEnvironment.bootstrapPassword(),
                "SUITE_ISSUER", authUrl, "SUITE_AUTH_URL", authUrl, "SUITE_PROMPT_CLIENT_SECRET", SECRET)));
        prompt = ServiceProcess.start("prompt-service", ServiceProcess.freePort(), with(tracing, Map.of(
                "SUITE_ISSUER", authUrl, "SUITE_AUTH_URL", authUrl,
                "SUITE_AUTH_CLIENT_ID", "prompt-service", "SUITE_AUTH_CLIENT_SECRET", SECRET)));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] { prompt, auth }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the process is gone either way
            }
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void aCallKeepsItsTraceAcrossServicesAndItsServerSpanNamesRequestAndTenant() {
        Accounts accounts = Accounts.at(auth.url());
        Accounts.TenantAdmin tenant = accounts.newTenant("trace-");
        String key = accounts.apiKey(tenant.token(), "viewer");
        String traceId = hex(16);
        String requestId = "trace-test-" + hex(4);

        given().baseUri(prompt.url()).header("X-API-Key", key).header("X-Request-ID", requestId)
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .get("/api/v1/prompts").then().statusCode(200);

        Exported server = await(traceId, s -> s.service().equals("prompt-service") && s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER);
        assertEquals(requestId, attribute(server.span(), "suite.request_id").orElse(null), "request id on the server span");
        assertEquals(tenant.tenantId(), attribute(server.span(), "suite.tenant_id").orElse(null), "tenant on the server span");

        Exported introspection = await(traceId, s -> s.service().equals("auth-service")
                && s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER && s.span().getName().contains("/oauth/introspect"));
        Exported client = await(traceId, s -> s.service().equals("prompt-service")
                && s.span().getKind() == Span.SpanKind.SPAN_KIND_CLIENT
                && s.span().getSpanId().equals(introspection.span().getParentSpanId()));
        assertEquals(server.span().getSpanId(), client.span().getParentSpanId(),
                "prompt-service's call to auth-service is made within the request's own span");
    }

    private static Exported await(String traceId, java.util.function.Predicate<Exported> which) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Optional<Exported> found = SPANS.stream()
                    .filter(s -> HexFormat.of().formatHex(s.span().getTraceId().toByteArray()).equals(traceId))
                    .filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("no such span in trace " + traceId + "; exported: " + SPANS.stream()
                .map(s -> s.service() + " " + s.span().getKind() + " " + s.span().getName()).toList());
        return null;
    }

    private static Optional<String> attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key))
                .map(a -> a.getValue().getStringValue()).findFirst();
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(value);
        value[0] |= 1; // never all zeros, which W3C calls invalid
        return HexFormat.of().formatHex(value);
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }
}
