package io.promptsuite.stats;

import static io.promptsuite.stats.OtlpMappingTest.jsonRequest;
import static io.promptsuite.stats.OtlpMappingTest.protoRequest;
import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.promptsuite.stats.OtlpMappingTest.TestSpan;
import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.promptsuite.testing.openapi.PublishedContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class OtlpHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROTOBUF = "application/x-protobuf";

    private static RequestSpecification otlp(String token) {
        return RestAssured.given().filter(PublishedContract.ofServiceUnderTest()).auth().oauth2(token);
    }

    private static ValidatableResponse sendJson(String token, Map<String, Object> resource, List<TestSpan> spans) {
        return otlp(token).contentType("application/json").body(jsonRequest(resource, spans)).post("/v1/traces").then();
    }

    private static ExportTraceServiceResponse sendProto(RequestSpecification spec, Map<String, Object> resource,
            List<TestSpan> spans) throws IOException {
        byte[] answer = spec.contentType(PROTOBUF).body(protoRequest(resource, spans)).post("/v1/traces").then()
                .statusCode(200).contentType(PROTOBUF).extract().asByteArray();
        return ExportTraceServiceResponse.parseFrom(answer);
    }

    /** The tenant's exported rows (CSV) of the last hours: how the tests see what was counted. */
    private static String exported(String editorToken) {
        Instant now = Instant.now();
        return as(editorToken).queryParam("from", now.minus(2, ChronoUnit.HOURS).toString())
                .queryParam("to", now.plus(1, ChronoUnit.HOURS).toString()).get("/api/v1/stats/export").then()
                .statusCode(200).extract().asString();
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void jsonAndProtobufSpansBecomeEventsCountedOnceHoweverOftenTheyArrive() throws IOException {
        Accounts.Team team = newTeam();
        String key = apiKey(team.admin(), "editor");
        String prompt = uniquePrompt("otlp");
        TestSpan viaJson = TestSpan.genAi(prompt);
        TestSpan viaProto = TestSpan.genAi(prompt).with("error.type", "timeout");
        TestSpan http = new TestSpan().with("http.request.method", "POST");

        sendJson(team.editor(), Map.of("service.name", "app"), List.of(viaJson, http)).statusCode(200)
                .contentType(startsWith("application/json")).body("partialSuccess", nullValue());
        ExportTraceServiceResponse answer = sendProto(RestAssured.given().header("X-API-Key", key),
                Map.of("service.name", "app"), List.of(viaProto, http));
        assertFalse(answer.hasPartialSuccess(), answer.toString());

        // The same spans again, in the other encoding: nothing new.
        sendProto(RestAssured.given().header("X-API-Key", key), Map.of(), List.of(viaJson, viaProto));
        sendJson(team.editor(), Map.of(), List.of(viaJson, viaProto)).statusCode(200).body("partialSuccess", nullValue());

        String csv = exported(team.editor());
        assertEquals(1, occurrences(csv, viaJson.eventId().toString()), csv);
        assertEquals(1, occurrences(csv, viaProto.eventId().toString()), csv);
        assertEquals(3, csv.split("\r\n").length, "the header and two events; the HTTP span was ignored: " + csv);
        assertTrue(csv.contains("," + prompt + ",3,,gpt-4o-mini,openai,error,timeout,250,"), csv);

        // The same execution through the batch API with the documented id is a duplicate.
        Map<String, Object> same = event(prompt);
        same.put("event_id", viaJson.eventId().toString());
        postBatch(team.admin(), List.of(same)).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        assertEquals(1, occurrences(exported(team.editor()), viaJson.eventId().toString()));
    }

    @Test
    void aBatchEventSentFirstMakesTheSpanADuplicate() {
        Accounts.Team team = newTeam();
        String prompt = uniquePrompt("otlp-first");
        TestSpan span = TestSpan.genAi(prompt);
        Map<String, Object> same = event(prompt);
        same.put("event_id", span.eventId().toString());
        postBatch(team.admin(), List.of(same)).statusCode(202).body("accepted", equalTo(1));
        sendJson(team.editor(), Map.of(), List.of(span)).statusCode(200).body("partialSuccess", nullValue());
        String csv = exported(team.editor());
        assertEquals(1, occurrences(csv, span.eventId().toString()));
        assertTrue(csv.contains(",gpt-4o-mini,openai,success,"), "the batch's version of the event stays: " + csv);
    }

    @Test
    void spansThatCantBeCountedArePartialSuccessTheOthersAreKept() throws IOException {
        Accounts.Team team = newTeam();
        String prompt = uniquePrompt("otlp-partial");
        TestSpan good = TestSpan.genAi(prompt);
        TestSpan noPrompt = TestSpan.genAi(prompt).with("traceloop.prompt.key", null);
        TestSpan negative = TestSpan.genAi(prompt).with("gen_ai.usage.output_tokens", -5L);
        sendJson(team.editor(), Map.of(), List.of(good, noPrompt, negative)).statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("2"))
                .body("partialSuccess.errorMessage", allOf(containsString("2 spans rejected"), containsString("no prompt name"),
                        containsString("output_tokens")));
        ExportTraceServiceResponse answer = sendProto(RestAssured.given().auth().oauth2(team.editor()), Map.of(),
                List.of(TestSpan.genAi(prompt).with("gen_ai.system", null)));
        assertEquals(1, answer.getPartialSuccess().getRejectedSpans());
        assertTrue(answer.getPartialSuccess().getErrorMessage().contains("no provider"));
        String csv = exported(team.editor());
        assertEquals(1, occurrences(csv, good.eventId().toString()));
        assertEquals(2, csv.split("\r\n").length, csv);
        RestAssured.given().get("/q/metrics").then().body(containsString("stats_otlp_spans_total{outcome=\"rejected\"}"));
    }

    @Test
    void aServiceNamesTheTenantPerResourceATenantCredentialOnlyItsOwn() throws IOException {
        Accounts.Team a = newTeam();
        Accounts.Team b = newTeam();
        String service = writerServiceToken();
        String prompt = uniquePrompt("otlp-tenant");
        TestSpan forA = TestSpan.genAi(prompt);
        TestSpan forB = TestSpan.genAi(prompt);
        sendJson(service, Map.of("suite.tenant_id", a.tenantId()), List.of(forA)).statusCode(200)
                .body("partialSuccess", nullValue());
        assertTrue(sendProto(RestAssured.given().auth().oauth2(service), Map.of("suite.tenant_id", b.tenantId()),
                List.of(forB)).getPartialSuccess().getRejectedSpans() == 0);
        assertEquals(1, occurrences(exported(a.editor()), forA.eventId().toString()));
        assertEquals(0, occurrences(exported(a.editor()), forB.eventId().toString()));
        assertEquals(1, occurrences(exported(b.editor()), forB.eventId().toString()));

        sendJson(service, Map.of(), List.of(TestSpan.genAi(prompt))).statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("1"))
                .body("partialSuccess.errorMessage", containsString("suite.tenant_id"));
        sendJson(service, Map.of("suite.tenant_id", "not-a-tenant"), List.of(TestSpan.genAi(prompt))).statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("1"));
        // A non-GenAI span needs no tenant: it is ignored, not rejected.
        sendJson(service, Map.of(), List.of(new TestSpan().with("db.system", "postgresql"))).statusCode(200)
                .body("partialSuccess", nullValue());

        TestSpan intoB = TestSpan.genAi(prompt);
        sendJson(a.editor(), Map.of("suite.tenant_id", b.tenantId()), List.of(intoB)).statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("1"))
                .body("partialSuccess.errorMessage", containsString("another tenant"));
        assertEquals(0, occurrences(exported(b.editor()), intoB.eventId().toString()));
        assertEquals(0, occurrences(exported(a.editor()), intoB.eventId().toString()));
        TestSpan ownNamed = TestSpan.genAi(prompt);
        sendJson(a.editor(), Map.of("suite.tenant_id", a.tenantId()), List.of(ownNamed)).statusCode(200)
                .body("partialSuccess", nullValue());

        String reader = Accounts.atRealAuthService().serviceToken("service");
        sendJson(reader, Map.of("suite.tenant_id", a.tenantId()), List.of(TestSpan.genAi(prompt))).statusCode(403);
        RestAssured.given().contentType("application/json").body("{}").post("/v1/traces").then().statusCode(401);
    }

    @Test
    void malformedBodiesAre400UnknownEncodingsAndTypes415() throws IOException {
        Accounts.Team team = newTeam();
        otlp(team.editor()).contentType("application/json").body("{\"resourceSpans\": 7}").post("/v1/traces").then()
                .statusCode(400).body("code", equalTo("MALFORMED_OTLP"))
                .body("message", containsString("resourceSpans"));
        otlp(team.editor()).contentType("application/json").body("{not json").post("/v1/traces").then().statusCode(400)
                .body("code", equalTo("MALFORMED_OTLP"));
        otlp(team.editor()).contentType(PROTOBUF).body(new byte[] { (byte) 0xff, (byte) 0xff, 0x01, 0x02 })
                .post("/v1/traces").then().statusCode(400).body("code", equalTo("MALFORMED_OTLP"));
        otlp(team.editor()).contentType(PROTOBUF).header("Content-Encoding", "gzip").body(new byte[] { 1, 2, 3 })
                .post("/v1/traces").then().statusCode(400);
        otlp(team.editor()).contentType("text/plain").body("hello").post("/v1/traces").then().statusCode(415);
        otlp(team.editor()).contentType("application/json").header("Content-Encoding", "br").body("{}")
                .post("/v1/traces").then().statusCode(415).body("code", equalTo("UNSUPPORTED_CONTENT_ENCODING"));
        // A zip bomb: a few kilobytes that inflate past the body limit.
        otlp(team.editor()).contentType("application/json").header("Content-Encoding", "gzip")
                .body(gzip(new byte[9 * 1024 * 1024])).post("/v1/traces").then().statusCode(413);

        TestSpan span = TestSpan.genAi(uniquePrompt("gz"));
        otlp(team.editor()).contentType("application/json").header("Content-Encoding", "gzip")
                .body(gzip(JSON.writeValueAsBytes(jsonRequest(Map.of(), List.of(span))))).post("/v1/traces").then()
                .statusCode(200).body("partialSuccess", nullValue());
        assertEquals(1, occurrences(exported(team.editor()), span.eventId().toString()));
    }

    @Test
    void theDocumentDescribesTheOtlpJsonAnswerInOtlpsOwnNames() {
        RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.ExportTraceServiceResponse.properties", hasKey("partialSuccess"))
                .body("components.schemas.ExportTracePartialSuccess.properties", allOf(hasKey("rejectedSpans"),
                        hasKey("errorMessage")))
                .body("paths.'/v1/traces'.post.requestBody.content", allOf(hasKey("application/json"),
                        hasKey("application/x-protobuf")));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
