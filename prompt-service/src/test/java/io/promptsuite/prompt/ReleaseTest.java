package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** One call ships a prompt: created if new, version added, published, labels moved; entirely or not at all. */
@QuarkusTest
class ReleaseTest {

    private static Map<String, Object> release(String template, Object... extra) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "text", "template", template, "variables_schema", WHO_SCHEMA));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    private static Response ship(String token, String name, Map<String, Object> body) {
        return as(token).body(body).post(path(name) + "/releases");
    }

    @Test
    void oneCallCreatesPublishesAndLabelsANewPrompt() {
        var t = newTenant();
        String name = uniqueName("shipped");
        String location = ship(t.editor(), name, release("Hello {{who}}", "labels", List.of("production", "staging"),
                "commit_message", "first cut", "prompt", Map.of("description", "greets", "tags", List.of("demo"))))
                .then().statusCode(201)
                .body("name", equalTo(name)).body("version", equalTo(1)).body("status", equalTo("published"))
                .body("labels", contains("production", "staging")).body("prompt_created", equalTo(true))
                .extract().header("Location");
        assertTrue(location.endsWith(path(name) + "/versions/1"), location);
        given().auth().oauth2(t.viewer()).get(location).then().statusCode(200).body("status", equalTo("published"));

        as(t.viewer()).get(path(name)).then().statusCode(200).body("description", equalTo("greets"))
                .body("tags", contains("demo")).body("labels.production", equalTo(1)).body("labels.staging", equalTo(1));
        as(t.viewer()).body(Map.of("label", "production", "variables", Map.of("who", "Ada"))).post(path(name) + "/render")
                .then().statusCode(200).body("text", equalTo("Hello Ada"));
        // The same audit trail as the four separate calls.
        as(t.admin()).get(path(name) + "/audit").then().statusCode(200)
                .body("items.action", hasItems("created", "version.created", "version.published", "label.moved"))
                .body("items.findAll { it.action == 'label.moved' }.label", containsInAnyOrder("production", "staging"));
    }

    @Test
    void aReleaseOfAnExistingPromptMovesItsLabelsForward() {
        var t = newTenant();
        String name = uniqueName("again");
        ship(t.editor(), name, release("v1 {{who}}", "labels", List.of("production"))).then().statusCode(201);
        ship(t.editor(), name, release("v2 {{who}}", "labels", List.of("production"))).then().statusCode(201)
                .body("version", equalTo(2)).body("prompt_created", equalTo(false));
        as(t.viewer()).body(Map.of("label", "production", "variables", Map.of("who", "x"))).post(path(name) + "/render")
                .then().statusCode(200).body("text", equalTo("v2 x"));
        as(t.viewer()).get(path(name) + "/labels/production/history").then().statusCode(200)
                .body("items.to_version", hasItems(1, 2));
    }

    @Test
    void aDraftReleasePublishesNothingAndLabelsNeedPublishing() {
        var t = newTenant();
        String name = uniqueName("draft");
        ship(t.editor(), name, release("d {{who}}", "publish", false)).then().statusCode(201)
                .body("status", equalTo("draft")).body("labels", empty());
        String other = uniqueName("draft-labelled");
        ship(t.editor(), other, release("d {{who}}", "publish", false, "labels", List.of("production")))
                .then().statusCode(400).body("code", equalTo("LABELS_NEED_PUBLISH"));
        as(t.viewer()).get(path(other)).then().statusCode(404);
        ship(t.editor(), other, release("d {{who}}", "labels", List.of("latest"))).then().statusCode(400)
                .body("code", equalTo("LABEL_RESERVED"));
        as(t.viewer()).get(path(other)).then().statusCode(404);
    }

    @Test
    void aFailedStepWritesNothing() {
        var t = newTenant();
        // A new prompt whose version can't pass the publish checks: no prompt, no version afterwards.
        String name = uniqueName("broken");
        ship(t.editor(), name, release("Hi {{> no-such-partial}}", "labels", List.of("production")))
                .then().statusCode(422);
        as(t.viewer()).get(path(name)).then().statusCode(404);

        // A protected label an editor may not move: the version it would have pointed at is not created either.
        String guarded = uniqueName("guarded");
        ship(t.editor(), guarded, release("one {{who}}", "labels", List.of("production"))).then().statusCode(201);
        as(t.admin()).body(Map.of("protected", true)).patch(path(guarded) + "/labels/production").then().statusCode(200);
        ship(t.editor(), guarded, release("two {{who}}", "labels", List.of("production"))).then().statusCode(403)
                .body("code", equalTo("LABEL_PROTECTED"));
        as(t.viewer()).get(path(guarded) + "/versions/2").then().statusCode(404);
        ship(t.admin(), guarded, release("two {{who}}", "labels", List.of("production"))).then().statusCode(201)
                .body("version", equalTo(2));
    }

    @Test
    void viewersCantShipAndOtherTenantsCantTouch() {
        var t = newTenant();
        var other = newTenant();
        String name = uniqueName("mine");
        ship(t.viewer(), name, release("x {{who}}")).then().statusCode(403);
        ship(t.editor(), name, release("x {{who}}", "prompt", Map.of("visibility", "private"))).then().statusCode(201);
        // Another tenant's release of the same name is its own prompt, never a version of this one.
        ship(other.editor(), name, release("theirs {{who}}")).then().statusCode(201).body("prompt_created", equalTo(true))
                .body("version", equalTo(1));
        as(t.editor()).get(path(name) + "/versions/1").then().statusCode(200).body("template", equalTo("x {{who}}"));
        as(t.editor()).get(path(name) + "/versions/2").then().statusCode(404);
        // A private prompt stays out of a viewer's sight, whichever call made it.
        as(t.viewer()).get(path(name)).then().statusCode(404);
        ship(t.editor(), name, release("x {{who}}", "unknown_field", 1)).then().statusCode(400);
    }

    @Test
    void parallelReleasesOfANewPromptNeverCollide() throws Exception {
        var t = newTenant();
        String name = uniqueName("race");
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int n = i;
            answers.add(pool.submit(() -> {
                start.await();
                return ship(t.editor(), name, release("race " + n + " {{who}}", "labels", List.of("production")));
            }));
        }
        start.countDown();
        Set<Integer> versions = new HashSet<>();
        int created = 0;
        for (Future<Response> answer : answers) {
            Response r = answer.get();
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, "201 or a retryable 409, got " + r.statusCode() + ": " + r.asString());
            if (r.statusCode() == 201) {
                assertTrue(versions.add(r.path("version")), "every 201 is its own version");
                created++;
            } else {
                assertNotNull(r.path("code"));
            }
        }
        pool.shutdown();
        assertTrue(created >= 1, "at least one release wins");
        int next = ship(t.editor(), name, release("after {{who}}", "labels", List.of("production"))).then().statusCode(201)
                .extract().path("version");
        assertFalse(versions.contains(next));
        as(t.viewer()).get(path(name)).then().statusCode(200).body("labels.production", equalTo(next));
    }
}
