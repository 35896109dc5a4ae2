package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.common.security.RevocationChannels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The change feed hears only what its subscriber may read, ends when its credential dies, is capped, and resumes. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "prompt-service"))
class EventFeedSecurityTest {

    @TestHTTPResource("/api/v1/prompt-events")
    URL events;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    private SseStream open(String token) {
        return SseStream.open(events.toString(), Map.of("Authorization", "Bearer " + token)).connected();
    }

    @Test
    void viewersHearNothingAboutPrivatePrompts() {
        Tenant t = newTenant();
        try (SseStream viewer = open(t.viewer()); SseStream editor = open(t.editor())) {
            String secret = uniqueName("secret");
            as(t.editor()).body(Map.of("name", secret, "visibility", "private")).post("/api/v1/prompts").then().statusCode(201);
            as(t.editor()).body(Map.of("type", "text", "template", "s")).post(path(secret) + "/versions").then().statusCode(201);
            as(t.editor()).post(path(secret) + "/versions/1/publish").then().statusCode(200);
            as(t.editor()).body(Map.of("version", 1)).put(path(secret) + "/labels/production").then().statusCode(201);
            // A prompt everyone may read, changed last: once the viewer hears it, it would have heard the others.
            String open = publishedText(t.editor(), "open", "Hi {{who}}", WHO_SCHEMA);
            assertTrue(viewer.await(s -> s.saw(open) && s.saw("label.moved"), 10_000), viewer.lines.toString());
            assertTrue(editor.await(s -> s.saw(open), 10_000), editor.lines.toString());
            assertFalse(viewer.saw(secret), "a viewer heard about a private prompt: " + viewer.lines);
            assertTrue(editor.saw(secret), "editors hear about private prompts: " + editor.lines);

            // Turning a prompt private hides its later events from viewers too.
            as(t.editor()).body(Map.of("visibility", "private")).patch(path(open)).then().statusCode(200);
            as(t.editor()).body(Map.of("version", 1)).put(path(open) + "/labels/staging").then().statusCode(201);
            String marker = publishedText(t.editor(), "marker", "Hi {{who}}", WHO_SCHEMA);
            assertTrue(viewer.await(s -> s.saw(marker), 10_000), viewer.lines.toString());
            assertFalse(viewer.saw("\"label\":\"staging\""), viewer.lines.toString());
        }
    }

    @Test
    void eventIdsIncreaseAndLastEventIdResumesWithoutLoss() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "resumed", "Hi {{who}}", WHO_SCHEMA);
        String resumeFrom;
        try (SseStream first = open(t.viewer())) {
            as(t.editor()).body(Map.of("version", 1)).put(path(name) + "/labels/l0").then().statusCode(201);
            assertTrue(first.await(s -> s.saw("\"label\":\"l0\""), 10_000), first.lines.toString());
            resumeFrom = first.lastId();
            assertNotNull(resumeFrom, first.lines.toString());
        }
        // While nobody listens: five label moves.
        for (int i = 1; i <= 5; i++) {
            as(t.editor()).body(Map.of("version", 1)).put(path(name) + "/labels/l" + i).then().statusCode(201);
        }
        try (SseStream resumed = SseStream.open(events.toString(),
                Map.of("Authorization", "Bearer " + t.viewer(), "Last-Event-ID", resumeFrom)).connected()) {
            as(t.editor()).body(Map.of("version", 1)).put(path(name) + "/labels/l6").then().statusCode(201);
            assertTrue(resumed.await(s -> s.saw("\"label\":\"l6\""), 10_000), resumed.lines.toString());
            List<String> labels = new ArrayList<>();
            for (String line : resumed.lines) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"label\":\"(l[0-9])\"").matcher(line);
                if (m.find()) {
                    labels.add(m.group(1));
                }
            }
            assertEquals(List.of("l1", "l2", "l3", "l4", "l5", "l6"), labels, "missed, repeated or reordered: " + resumed.lines);
            List<String> ids = resumed.eventIds();
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(compare(ids.get(i - 1), ids.get(i)) < 0, "ids must increase: " + ids);
            }
            assertTrue(compare(resumeFrom, ids.get(0)) < 0, ids.toString());
        }
        // An id the feed never sent is a 400, not a silent restart (read as a stream: a server that ignored the header
        // would never end the answer).
        try (SseStream refused = SseStream.open(events.toString(),
                Map.of("Authorization", "Bearer " + t.viewer(), "Last-Event-ID", "not-an-id")).connected()) {
            assertEquals(400, refused.status);
            assertTrue(refused.await(s -> s.saw("VALIDATION_FAILED"), 5_000), refused.lines.toString());
        }
    }

    private static int compare(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int byMillis = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return byMillis != 0 ? byMillis : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }

    @Test
    void aRevokedApiKeyEndsItsStream() {
        Tenant t = newTenant();
        var created = given(RealAuthService.url()).auth().oauth2(t.admin()).contentType("application/json")
                .body(Map.of("name", "feed", "role", "viewer")).post("/api/v1/api-keys").then().statusCode(201).extract();
        String key = created.path("key");
        String id = created.path("id");
        SseStream opened = null;
        for (int attempt = 0; attempt < 5 && (opened == null || opened.status == 503); attempt++) {
            // A fresh key is checked with auth-service; on a loaded machine that check may time out (503, retry).
            opened = SseStream.open(events.toString(), Map.of("X-API-Key", key)).connected();
        }
        try (SseStream stream = opened) {
            assertEquals(200, stream.status);
            given(RealAuthService.url()).auth().oauth2(t.admin()).delete("/api/v1/api-keys/" + id).then().statusCode(204);
            assertTrue(stream.await(s -> s.closedByServer, 10_000), "the stream outlived its key: " + stream.lines);
            assertTrue(stream.saw("credential_revoked"), stream.lines.toString());
        }
    }

    @Test
    void aRevokedUserEndsTheirStreamsButNoOneElses() {
        Tenant t = newTenant();
        try (SseStream viewer = open(t.viewer()); SseStream editor = open(t.editor())) {
            // What auth-service announces when it disables, deletes, demotes a user or changes their password.
            redis.pubsub(String.class).publish(redisKeys.key("auth", RevocationChannels.USERS), subject(t.viewer()));
            assertTrue(viewer.await(s -> s.closedByServer, 10_000), "the stream outlived its user: " + viewer.lines);
            assertTrue(viewer.saw("credential_revoked"), viewer.lines.toString());
            assertFalse(editor.await(s -> s.closedByServer, 1_000), "another user's stream ended");
        }
    }

    @Test
    void streamsPerTenantAreCapped() {
        Tenant t = newTenant();
        Tenant other = newTenant();
        List<SseStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                streams.add(open(t.viewer()));
                assertEquals(200, streams.get(i).status);
            }
            SseStream refused = SseStream.open(events.toString(), Map.of("Authorization", "Bearer " + t.editor())).connected();
            streams.add(refused);
            assertEquals(429, refused.status, refused.lines.toString());
            assertTrue(refused.await(s -> s.saw("\"code\":\"TOO_MANY_STREAMS\"") && s.saw("\"request_id\""), 5_000),
                    refused.lines.toString());
            // Another tenant is not affected, and a closed stream frees its place.
            try (SseStream theirs = open(other.viewer())) {
                assertEquals(200, theirs.status);
            }
            streams.remove(0).close();
            boolean admitted = false;
            for (int attempt = 0; attempt < 20 && !admitted; attempt++) {
                SseStream again = SseStream.open(events.toString(), Map.of("Authorization", "Bearer " + t.viewer())).connected();
                streams.add(again);
                admitted = again.status == 200;
                if (!admitted) {
                    sleep(500);
                }
            }
            assertTrue(admitted, "a closed stream gives its place back");
        } finally {
            streams.forEach(SseStream::close);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static io.restassured.specification.RequestSpecification given(String baseUri) {
        return io.restassured.RestAssured.given().baseUri(baseUri);
    }

    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        assertTrue(m.find(), payload);
        return m.group(1);
    }
}
