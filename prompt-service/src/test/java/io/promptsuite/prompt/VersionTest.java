package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VersionTest {

    private static String newPrompt(Tenant t) {
        String name = uniqueName("v");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        return name;
    }

    @Test
    void draftsChangePublishedVersionsNever() {
        Tenant t = newTenant();
        String name = newPrompt(t);
        as(t.editor()).body(Map.of("type", "text", "template", "Hello {{who}}", "variables_schema", WHO_SCHEMA,
                "config", Map.of("model", "gpt-x", "temperature", 0.2), "commit_message", "first"))
                .post(path(name) + "/versions").then().statusCode(201)
                .body("version", equalTo(1)).body("status", equalTo("draft")).body("config.model", equalTo("gpt-x"));
        as(t.editor()).body(Map.of("template", "Hello, {{who}}")).patch(path(name) + "/versions/1").then().statusCode(200)
                .body("template", equalTo("Hello, {{who}}"));
        as(t.editor()).post(path(name) + "/versions/1/publish").then().statusCode(200).body("status", equalTo("published"))
                .body("published_at", notNullValue());
        as(t.editor()).body(Map.of("template", "changed")).patch(path(name) + "/versions/1").then().statusCode(409)
                .body("code", equalTo("VERSION_PUBLISHED"));
        as(t.editor()).delete(path(name) + "/versions/1").then().statusCode(409);
        as(t.editor()).post(path(name) + "/versions/1/publish").then().statusCode(409);
        as(t.viewer()).get(path(name) + "/versions/1").then().statusCode(200).body("template", equalTo("Hello, {{who}}"));
    }

    @Test
    void numbersAreNeverReused() {
        Tenant t = newTenant();
        String name = newPrompt(t);
        for (int i = 1; i <= 2; i++) {
            as(t.editor()).body(Map.of("type", "text", "template", "v" + i)).post(path(name) + "/versions").then()
                    .statusCode(201).body("version", equalTo(i));
        }
        as(t.editor()).delete(path(name) + "/versions/2").then().statusCode(204);
        as(t.editor()).get(path(name) + "/versions/2").then().statusCode(404).body("code", equalTo("VERSION_NOT_FOUND"));
        as(t.editor()).body(Map.of("type", "text", "template", "v3")).post(path(name) + "/versions").then()
                .body("version", equalTo(3));
        as(t.viewer()).get(path(name) + "/versions").then().body("items.version", contains(1, 3));
    }

    @Test
    void badContentIsRefusedAndNothingIsWritten() {
        Tenant t = newTenant();
        String name = newPrompt(t);
        as(t.editor()).body(Map.of("type", "text", "template", "Hi {{#items}}{{name}}")).post(path(name) + "/versions")
                .then().statusCode(400).body("code", equalTo("TEMPLATE_INVALID")).body("details.fields[0].field", equalTo("template"));
        as(t.editor()).body(Map.of("type", "text", "template", "Hi {{who}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(400).body("code", equalTo("TEMPLATE_INVALID"));
        as(t.editor()).body(Map.of("type", "text", "template", "Hi", "variables_schema", Map.of("type", "object",
                "properties", Map.of("who", Map.of("type", "strnig"))))).post(path(name) + "/versions").then()
                .statusCode(400).body("code", equalTo("SCHEMA_INVALID")).body("details.fields[0].field", equalTo("variables_schema"));
        as(t.editor()).body(Map.of("type", "text", "template", "Hi", "variables_schema", Map.of("type", "array")))
                .post(path(name) + "/versions").then().statusCode(400).body("code", equalTo("SCHEMA_INVALID"));
        as(t.editor()).body(Map.of("type", "text", "template", "Hi", "variables_schema",
                Map.of("type", "object", "$ref", "https://evil.example/schema"))).post(path(name) + "/versions").then()
                .statusCode(400).body("code", equalTo("SCHEMA_INVALID"));
        as(t.editor()).body(Map.of("type", "text", "template", "x".repeat(100_001))).post(path(name) + "/versions").then()
                .statusCode(400).body("code", equalTo("TEMPLATE_TOO_LARGE"));
        as(t.editor()).body(Map.of("type", "chat", "messages", List.of(Map.of("role", "wizard", "content", "hi"))))
                .post(path(name) + "/versions").then().statusCode(400).body("details.fields[0].field", equalTo("messages[0].role"));
        as(t.editor()).body(Map.of("type", "chat", "template", "x")).post(path(name) + "/versions").then().statusCode(400);
        as(t.editor()).body(Map.of("type", "poem", "template", "x")).post(path(name) + "/versions").then().statusCode(400)
                .body("details.fields.field", hasItem("type"));
        as(t.editor()).body(Map.of("type", "text", "template", "x", "extra", 1)).post(path(name) + "/versions").then()
                .statusCode(400).body("code", equalTo("UNKNOWN_FIELD"));
        as(t.viewer()).get(path(name) + "/versions").then().statusCode(200).body("items", empty()).body("total", equalTo(0));
        as(t.viewer()).body(Map.of("type", "text", "template", "x")).post(path(name) + "/versions").then().statusCode(403);
    }

    @Test
    void publishChecksListEveryProblem() {
        Tenant t = newTenant();
        String name = newPrompt(t);
        as(t.editor()).body(Map.of("type", "text", "template", "Hi {{who}} from {{where}} {{> missing-partial}}",
                "variables_schema", WHO_SCHEMA)).post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/1/publish").then().statusCode(422)
                .body("code", equalTo("PUBLISH_CHECKS_FAILED"))
                .body("details.problems.message", hasItem(containsString("'where'")))
                .body("details.problems.message", hasItem(containsString("missing-partial")));
        as(t.viewer()).get(path(name) + "/versions/1").then().body("status", equalTo("draft"));
    }

    @Test
    void partialCyclesAreRefusedAtPublish() {
        Tenant t = newTenant();
        Map<String, Object> none = Map.of("type", "object");
        String a = publishedText(t.editor(), "cycle-a", "plain A", none);
        String b = publishedText(t.editor(), "cycle-b", "B includes {{> " + a + "}}", none);
        as(t.editor()).body(Map.of("type", "text", "template", "A includes {{> " + b + "}}", "variables_schema", none))
                .post(path(a) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(a) + "/versions/2/publish").then().statusCode(422)
                .body("details.problems.message", hasItem(containsString("cycle")));
        as(t.editor()).body(Map.of("type", "text", "template", "Self {{> " + a + "@latest}}", "variables_schema", none))
                .post(path(a) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(a) + "/versions/3/publish").then().statusCode(422)
                .body("details.problems.message", hasItem(containsString("cycle")));
    }
}
