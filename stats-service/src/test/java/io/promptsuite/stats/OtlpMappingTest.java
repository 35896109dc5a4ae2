package io.promptsuite.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.promptsuite.stats.otlp.GenAiMapping;
import io.promptsuite.stats.otlp.JsonSpans;
import io.promptsuite.stats.otlp.OtlpResourceSpans;
import io.promptsuite.stats.otlp.OtlpSpan;
import io.promptsuite.stats.otlp.ProtoSpans;
import io.promptsuite.stats.otlp.SpanOutcome;

/** OTLP (both encodings) to execution events, without a server: the mapping rules one by one. */
class OtlpMappingTest {

    private static final UUID TENANT = UUID.randomUUID();

    /** A span to send, written out as OTLP/JSON or OTLP/protobuf; the tests of the endpoint use it too. */
    static final class TestSpan {
        final byte[] traceId = random(16);
        final byte[] spanId = random(8);
        String name = "chat gpt-4o-mini";
        long startNanos = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000L + 123_456;
        long endNanos = startNanos + 250_000_000L;
        boolean statusError;
        final Map<String, Object> attributes = new LinkedHashMap<>();

        /** A chat completion as OpenLLMetry reports it, for the prompt {@code prompt} version 3. */
        static TestSpan genAi(String prompt) {
            TestSpan s = new TestSpan();
            s.attributes.put("gen_ai.operation.name", "chat");
            s.attributes.put("gen_ai.system", "openai");
            s.attributes.put("gen_ai.request.model", "gpt-4o");
            s.attributes.put("gen_ai.response.model", "gpt-4o-mini");
            s.attributes.put("gen_ai.usage.input_tokens", 1200L);
            s.attributes.put("gen_ai.usage.output_tokens", 300L);
            s.attributes.put("gen_ai.usage.cache_read.input_tokens", 200L);
            s.attributes.put("traceloop.prompt.key", prompt);
            s.attributes.put("traceloop.prompt.version", 3L);
            return s;
        }

        TestSpan with(String key, Object value) {
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
            return this;
        }

        UUID eventId() {
            return UUID.nameUUIDFromBytes(ByteBuffer.allocate(24).put(traceId).put(spanId).array());
        }

        Map<String, Object> json() {
            Map<String, Object> span = new LinkedHashMap<>();
            span.put("traceId", HexFormat.of().formatHex(traceId));
            span.put("spanId", HexFormat.of().formatHex(spanId));
            span.put("name", name);
            span.put("kind", 3);
            span.put("startTimeUnixNano", Long.toString(startNanos));
            span.put("endTimeUnixNano", endNanos);
            span.put("attributes", jsonAttributes(attributes));
            span.put("status", statusError ? Map.of("code", 2, "message", "boom") : Map.of());
            span.put("events", List.of());
            return span;
        }

        Span proto() {
            return Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
                    .setName(name).setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(startNanos)
                    .setEndTimeUnixNano(endNanos).addAllAttributes(protoAttributes(attributes))
                    .setStatus(Status.newBuilder().setCode(statusError ? Status.StatusCode.STATUS_CODE_ERROR
                            : Status.StatusCode.STATUS_CODE_OK))
                    .build();
        }
    }

    /** An OTLP/JSON ExportTraceServiceRequest with one resource holding {@code spans}. */
    static Map<String, Object> jsonRequest(Map<String, Object> resource, List<TestSpan> spans) {
        List<Object> list = new ArrayList<>();
        spans.forEach(s -> list.add(s.json()));
        return Map.of("resourceSpans", List.of(Map.of(
                "resource", Map.of("attributes", jsonAttributes(resource)),
                "scopeSpans", List.of(Map.of("scope", Map.of("name", "opentelemetry.instrumentation.openai"),
                        "spans", list)))));
    }

    static byte[] protoRequest(Map<String, Object> resource, List<TestSpan> spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        spans.forEach(s -> scope.addSpans(s.proto()));
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(protoAttributes(resource))).addScopeSpans(scope))
                .build().toByteArray();
    }

    private static List<Object> jsonAttributes(Map<String, Object> attributes) {
        List<Object> list = new ArrayList<>();
        attributes.forEach((k, v) -> {
            Map<String, Object> value;
            if (v instanceof Long l) {
                value = Map.of("intValue", l.toString()); // OTLP/JSON writes int64 as a string
            } else if (v instanceof Integer i) {
                value = Map.of("intValue", i); // ... and receivers must also take a number
            } else if (v instanceof Double d) {
                value = Map.of("doubleValue", d);
            } else if (v instanceof Boolean b) {
                value = Map.of("boolValue", b);
            } else {
                value = Map.of("stringValue", v.toString());
            }
            list.add(Map.of("key", k, "value", value));
        });
        return list;
    }

    private static List<KeyValue> protoAttributes(Map<String, Object> attributes) {
        List<KeyValue> list = new ArrayList<>();
        attributes.forEach((k, v) -> {
            AnyValue.Builder value = AnyValue.newBuilder();
            if (v instanceof Long l) {
                value.setIntValue(l);
            } else if (v instanceof Integer i) {
                value.setIntValue(i);
            } else if (v instanceof Double d) {
                value.setDoubleValue(d);
            } else if (v instanceof Boolean b) {
                value.setBoolValue(b);
            } else {
                value.setStringValue(v.toString());
            }
            list.add(KeyValue.newBuilder().setKey(k).setValue(value).build());
        });
        return list;
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return b;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OtlpSpan viaJson(TestSpan s) throws Exception {
        List<OtlpResourceSpans> parsed = JsonSpans.parse(JSON.writeValueAsBytes(jsonRequest(Map.of(), List.of(s))));
        return parsed.get(0).spans().get(0);
    }

    private static OtlpSpan viaProto(TestSpan s) throws Exception {
        return ProtoSpans.parse(protoRequest(Map.of(), List.of(s))).get(0).spans().get(0);
    }

    private static ExecutionEvent mapped(OtlpSpan span) {
        return assertInstanceOf(SpanOutcome.Mapped.class, GenAiMapping.map(span, TENANT)).event();
    }

    @Test
    void aGenAiSpanBecomesOneEventTheSameFromJsonAndProtobuf() throws Exception {
        TestSpan s = TestSpan.genAi("support-answer").with("enduser.id", "u-7").with("suite.prompt.label", "production");
        ExecutionEvent fromJson = mapped(viaJson(s));
        ExecutionEvent fromProto = mapped(viaProto(s));
        assertEquals(fromJson, fromProto);
        assertEquals(s.eventId(), fromJson.eventId());
        assertEquals(TENANT, fromJson.tenantId());
        assertEquals("support-answer", fromJson.prompt());
        assertEquals(3, fromJson.version());
        assertEquals("production", fromJson.label());
        assertEquals("gpt-4o-mini", fromJson.model(), "the response model wins over the requested one");
        assertEquals("openai", fromJson.provider());
        assertFalse(fromJson.error());
        assertEquals(250, fromJson.latencyMs());
        assertEquals(1200, fromJson.inputTokens());
        assertEquals(200, fromJson.cachedInputTokens());
        assertEquals(300, fromJson.outputTokens());
        assertNull(fromJson.cost(), "no cost in the span: the price book prices it");
        assertEquals(Instant.EPOCH.plusNanos(s.startNanos - 456), fromJson.startedAt(), "microsecond precision");
        assertEquals("u-7", fromJson.userId());
        assertTrue(fromJson.metadata().contains(HexFormat.of().formatHex(s.traceId)), fromJson.metadata());
    }

    @Test
    void theEventIdIsTheNameUuidOfTraceIdThenSpanId() {
        byte[] trace = HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c");
        byte[] span = HexFormat.of().parseHex("eee19b7ec3c1b174");
        byte[] both = HexFormat.of().parseHex("5b8efff798038103d269b633813fc60ceee19b7ec3c1b174");
        assertEquals(UUID.nameUUIDFromBytes(both), GenAiMapping.eventId(trace, span));
        assertEquals(3, GenAiMapping.eventId(trace, span).version());
    }

    @Test
    void newerAndSuiteAttributesWinOverOlderOnes() throws Exception {
        TestSpan s = TestSpan.genAi("openllmetry-name").with("gen_ai.provider.name", "azure.ai.openai")
                .with("suite.prompt.name", "suite-name").with("suite.prompt.version", 9L)
                .with("gen_ai.usage.cache_creation.input_tokens", 50L).with("gen_ai.usage.reasoning.output_tokens", 120L)
                .with("gen_ai.response.model", null);
        ExecutionEvent e = mapped(viaProto(s));
        assertEquals("azure.ai.openai", e.provider());
        assertEquals("suite-name", e.prompt());
        assertEquals(9, e.version());
        assertEquals("gpt-4o", e.model(), "the requested model when no response model");
        assertEquals(50, e.cacheWriteTokens());
        assertEquals(120, e.reasoningTokens());
    }

    @Test
    void anErrorStatusOrAnErrorTypeMakesAnError() throws Exception {
        TestSpan failed = TestSpan.genAi("p");
        failed.statusError = true;
        ExecutionEvent byStatus = mapped(viaJson(failed));
        assertTrue(byStatus.error());
        assertNull(byStatus.errorCode());
        ExecutionEvent byType = mapped(viaJson(TestSpan.genAi("p").with("error.type", "rate_limit_exceeded")));
        assertTrue(byType.error());
        assertEquals("rate_limit_exceeded", byType.errorCode());
    }

    @Test
    void aSpanWithoutGenAiAttributesIsIgnored() throws Exception {
        TestSpan http = new TestSpan().with("http.request.method", "POST").with("traceloop.prompt.key", "p");
        assertInstanceOf(SpanOutcome.Ignored.class, GenAiMapping.map(viaJson(http), TENANT));
    }

    @Test
    void withoutAPromptNameTheGenAiPromptNameIsUsedElseTheSpanIsRejected() throws Exception {
        TestSpan s = TestSpan.genAi("x").with("traceloop.prompt.key", null).with("traceloop.prompt.version", null);
        SpanOutcome.Rejected r = assertInstanceOf(SpanOutcome.Rejected.class, GenAiMapping.map(viaJson(s), TENANT));
        assertTrue(r.reason().contains("no prompt name"), r.reason());
        ExecutionEvent e = mapped(viaJson(s.with("gen_ai.prompt.name", "named-by-gen-ai")));
        assertEquals("named-by-gen-ai", e.prompt());
        assertEquals(GenAiMapping.UNVERSIONED, e.version());
    }

    @Test
    void spansMissingWhatAnEventNeedsAreRejectedWithTheReason() throws Exception {
        assertRejected(TestSpan.genAi("p").with("gen_ai.system", null), "no provider");
        assertRejected(TestSpan.genAi("p").with("gen_ai.request.model", null).with("gen_ai.response.model", null), "no model");
        TestSpan backwards = TestSpan.genAi("p");
        backwards.endNanos = backwards.startNanos - 1;
        assertRejected(backwards, "end time");
        assertRejected(TestSpan.genAi("p").with("gen_ai.usage.input_tokens", "many"), "gen_ai.usage.input_tokens");
        OtlpSpan noIds = new OtlpSpan(new byte[16], new byte[8], "n", 1, 2, false, Map.of("gen_ai.system", "openai"));
        assertInstanceOf(SpanOutcome.Rejected.class, GenAiMapping.map(noIds, TENANT));
    }

    private static void assertRejected(TestSpan s, String reason) throws Exception {
        SpanOutcome.Rejected r = assertInstanceOf(SpanOutcome.Rejected.class, GenAiMapping.map(viaJson(s), TENANT));
        assertTrue(r.reason().contains(reason), r.reason());
    }

    @Test
    void tokenCountsAreReadAsIntegersStringsOrWholeDoubles() throws Exception {
        ExecutionEvent e = mapped(viaJson(TestSpan.genAi("p").with("gen_ai.usage.input_tokens", 42)
                .with("gen_ai.usage.output_tokens", 7.0)));
        assertEquals(42, e.inputTokens());
        assertEquals(7, e.outputTokens());
    }

    @Test
    void resourcesScopesAndSpansAreAllRead() throws Exception {
        Map<String, Object> req = jsonRequest(Map.of("service.name", "app", "suite.tenant_id", TENANT.toString()),
                List.of(TestSpan.genAi("a"), TestSpan.genAi("b"), new TestSpan()));
        List<OtlpResourceSpans> parsed = JsonSpans.parse(JSON.writeValueAsBytes(req));
        assertEquals(1, parsed.size());
        assertEquals(TENANT.toString(), parsed.get(0).resource().get("suite.tenant_id"));
        assertEquals(3, parsed.get(0).spans().size());
        assertTrue(JsonSpans.parse("{}".getBytes()).isEmpty(), "an empty request is fine");
    }

    @Test
    void malformedOtlpJsonIsRefusedSayingWhere() {
        for (String bad : List.of("not json", "[]", "{\"resourceSpans\": {}}", "{\"resourceSpans\": [1]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"zz\"}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"startTimeUnixNano\": \"soon\"}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"attributes\": [{\"key\": \"k\", \"value\": {\"intValue\": \"x\"}}]}]}]}]}",
                "[".repeat(100_000))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> JsonSpans.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertEquals("MalformedOtlp", e.getClass().getSimpleName(), bad);
        }
    }
}
