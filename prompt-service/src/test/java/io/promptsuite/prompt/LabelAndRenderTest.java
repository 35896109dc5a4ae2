package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LabelAndRenderTest {

    static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties", Map.of(
            "who", Map.of("type", "string"),
            "n", Map.of("type", "integer"),
            "items", Map.of("type", "array", "items", Map.of("type", "object",
                    "properties", Map.of("title", Map.of("type", "string")), "required", List.of("title")))),
            "required", List.of("who"), "additionalProperties", false);

    @Test
    void labelsMoveWithHistoryAndLatestFollowsPublishes() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "labels", "one {{who}}", WHO_SCHEMA);
        as(t.editor()).body(Map.of("type", "text", "template", "two {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        // A label never points at a draft.
        as(t.editor()).body(Map.of("version", 2)).put(path(name) + "/labels/production").then().statusCode(409)
                .body("code", equalTo("VERSION_NOT_PUBLISHED"));
        as(t.editor()).body(Map.of("who", "x")).post(path(name) + "/render").then().statusCode(400);
        as(t.editor()).post(path(name) + "/versions/2/publish").then().statusCode(200);
        render(t.viewer(), name, Map.of("label", "latest")).body("version", equalTo(2)).body("text", equalTo("two A"));
        render(t.viewer(), name, Map.of()).body("version", equalTo(1)).body("label", equalTo("production"));

        as(t.editor()).body(Map.of("version", 2, "reason", "ship two")).put(path(name) + "/labels/production").then()
                .statusCode(200).body("version", equalTo(2)).body("protected", equalTo(false));
        render(t.viewer(), name, Map.of()).body("version", equalTo(2));
        as(t.editor()).body(Map.of("version", 1, "reason", "roll back")).put(path(name) + "/labels/production").then().statusCode(200);
        render(t.viewer(), name, Map.of()).body("version", equalTo(1));
        as(t.viewer()).get(path(name) + "/labels/production/history").then().statusCode(200)
                .body("items.reason", contains("roll back", "ship two", null))
                .body("items[0].from_version", equalTo(2)).body("items[0].to_version", equalTo(1))
                .body("items[0].actor_id", not(emptyOrNullString()));

        as(t.editor()).body(Map.of("version", 2)).put(path(name) + "/labels/staging").then().statusCode(201);
        as(t.viewer()).get(path(name) + "/labels").then().statusCode(200).body("items.name", contains("production", "staging"));
        as(t.editor()).delete(path(name) + "/labels/staging").then().statusCode(204);
        render(t.viewer(), name, Map.of("label", "staging")).statusCode(404);
        as(t.editor()).delete(path(name) + "/labels/staging").then().statusCode(404).body("code", equalTo("LABEL_NOT_FOUND"));
        as(t.editor()).body(Map.of("version", 1)).put(path(name) + "/labels/latest").then().statusCode(400);
        as(t.editor()).body(Map.of("version", 1)).put(path(name) + "/labels/Bad Label").then().statusCode(400);
        as(t.editor()).body(Map.of("version", 9)).put(path(name) + "/labels/qa").then().statusCode(404);
        as(t.editor()).body(Map.of()).put(path(name) + "/labels/qa").then().statusCode(400);
    }

    @Test
    void protectedLabelsMoveOnlyForAdmins() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "protected", "one {{who}}", WHO_SCHEMA);
        as(t.editor()).body(Map.of("protected", true)).patch(path(name) + "/labels/production").then().statusCode(403);
        as(t.admin()).body(Map.of("protected", true)).patch(path(name) + "/labels/production").then().statusCode(200)
                .body("protected", equalTo(true));
        as(t.editor()).body(Map.of("version", 1)).put(path(name) + "/labels/production").then().statusCode(403)
                .body("code", equalTo("LABEL_PROTECTED"));
        as(t.editor()).delete(path(name) + "/labels/production").then().statusCode(403);
        String editorKey = apiKey(t.admin(), "editor");
        withKey(editorKey).body(Map.of("version", 1)).put(path(name) + "/labels/production").then().statusCode(403)
                .body("code", equalTo("LABEL_PROTECTED"));
        withKey(editorKey).body(Map.of("version", 1)).put(path(name) + "/labels/canary").then().statusCode(201);
        String adminKey = apiKey(t.admin(), "admin");
        withKey(adminKey).body(Map.of("version", 1, "reason", "admin key")).put(path(name) + "/labels/production").then()
                .statusCode(200);
        as(t.viewer()).get(path(name) + "/labels/production/history").then().body("items[0].reason", equalTo("admin key"))
                .body("items.action", hasItem("protected"));
    }

    @Test
    void renderIsStrictAboutVariables() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "strict",
                "Hi {{who}}!{{#n}} x{{n}}{{/n}}{{^n}} (no n){{/n}}{{#items}} [{{title}}]{{/items}}", SCHEMA);
        render(t.viewer(), name, Map.of("variables", Map.of("who", "<b>&\"", "n", 3,
                "items", List.of(Map.of("title", "a"), Map.of("title", "b")))))
                .statusCode(200).body("text", equalTo("Hi <b>&\"! x3 [a] [b]")).body("type", equalTo("text"))
                .body("name", equalTo(name));
        render(t.viewer(), name, Map.of("variables", Map.of("who", "Ada"))).body("text", equalTo("Hi Ada! (no n)"));

        render(t.viewer(), name, Map.of("variables", Map.of())).statusCode(422).body("code", equalTo("INVALID_VARIABLES"))
                .body("details.fields.field", hasItem("$.who"));
        render(t.viewer(), name, Map.of("variables", Map.of("who", 5))).statusCode(422).body("details.fields.field", hasItem("$.who"));
        render(t.viewer(), name, Map.of("variables", Map.of("who", "a", "whom", "b"))).statusCode(422)
                .body("details.fields.field", hasItem("$.whom"));
        render(t.viewer(), name, Map.of("variables", Map.of("who", "a", "n", "three"))).statusCode(422)
                .body("details.fields.field", hasItem("$.n"));
        render(t.viewer(), name, Map.of("variables", Map.of("who", "a", "items", List.of(Map.of("title", 1), Map.of()))))
                .statusCode(422).body("details.fields.field", hasItems("$.items[0].title", "$.items[1].title"));
        render(t.viewer(), name, Map.of("variables", Map.of("who", "x".repeat(300_000)))).statusCode(413);
        render(t.viewer(), name, Map.of("label", "production", "version", 1)).statusCode(400);
        render(t.viewer(), name, Map.of("variables", List.of(1))).statusCode(400);
    }

    @Test
    void undeclaredVariablesAreRefusedEvenWithoutAdditionalPropertiesFalse() {
        Tenant t = newTenant();
        Map<String, Object> open = Map.of("type", "object", "properties", Map.of("who", Map.of("type", "string")));
        String name = publishedText(t.editor(), "open", "Hi {{who}}", open);
        render(t.viewer(), name, Map.of("variables", Map.of("who", "a", "typo", "b"))).statusCode(422)
                .body("details.fields.field", contains("$.typo"));
    }

    @Test
    void chatPromptsAndPartialsRender() {
        Tenant t = newTenant();
        Map<String, Object> none = Map.of("type", "object");
        String footer = publishedText(t.editor(), "footer", "-- prod footer", none);
        as(t.editor()).body(Map.of("type", "text", "template", "-- staging footer", "variables_schema", none))
                .post(path(footer) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(footer) + "/versions/2/publish").then().statusCode(200);
        as(t.editor()).body(Map.of("version", 2)).put(path(footer) + "/labels/staging").then().statusCode(201);

        String chat = uniqueName("chat");
        as(t.editor()).body(Map.of("name", chat)).post("/api/v1/prompts").then().statusCode(201);
        as(t.editor()).body(Map.of("type", "chat", "messages", List.of(
                Map.of("role", "system", "content", "Be brief. {{> " + footer + "}} / {{> " + footer + "@staging}}"),
                Map.of("role", "user", "content", "{{q}}")),
                "variables_schema", Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string")), "required", List.of("q"))))
                .post(path(chat) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(chat) + "/versions/1/publish").then().statusCode(200);
        render(t.viewer(), chat, Map.of("version", 1, "variables", Map.of("q", "why?"))).statusCode(200)
                .body("type", equalTo("chat"))
                .body("messages[0].role", equalTo("system"))
                .body("messages[0].content", equalTo("Be brief. -- prod footer / -- staging footer"))
                .body("messages[1].content", equalTo("why?"));
        // Moving the partial's label shows in the next render of the including prompt.
        as(t.editor()).body(Map.of("version", 2)).put(path(footer) + "/labels/production").then().statusCode(200);
        render(t.viewer(), chat, Map.of("version", 1, "variables", Map.of("q", "why?")))
                .body("messages[0].content", equalTo("Be brief. -- staging footer / -- staging footer"));
    }

    @Test
    void draftsRenderForEditorsByNumberOnly() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "drafty", "one {{who}}", WHO_SCHEMA);
        as(t.editor()).body(Map.of("type", "text", "template", "draft {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        render(t.editor(), name, Map.of("version", 2, "variables", Map.of("who", "x"))).statusCode(200).body("text", equalTo("draft x"));
        render(t.viewer(), name, Map.of("version", 2, "variables", Map.of("who", "x"))).statusCode(404);
    }

    @Test
    void getByLabelHasAStrongEtag() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "etag", "one {{who}}", WHO_SCHEMA);
        var response = as(t.viewer()).queryParam("label", "production").get(path(name)).then().statusCode(200)
                .body("resolved.version", equalTo(1)).body("resolved.template", equalTo("one {{who}}"))
                .body("resolved.label", equalTo("production")).body("labels.production", equalTo(1))
                .extract();
        String etag = response.header("ETag");
        org.junit.jupiter.api.Assertions.assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), etag);
        as(t.viewer()).header("If-None-Match", etag).queryParam("label", "production").get(path(name)).then().statusCode(304);
        as(t.viewer()).header("If-None-Match", "W/" + etag).queryParam("label", "production").get(path(name)).then().statusCode(304);
        as(t.viewer()).header("If-None-Match", "\"other\"").queryParam("label", "production").get(path(name)).then().statusCode(200);
        as(t.editor()).body(Map.of("type", "text", "template", "two {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/2/publish").then().statusCode(200);
        as(t.editor()).body(Map.of("version", 2)).put(path(name) + "/labels/production").then().statusCode(200);
        as(t.viewer()).header("If-None-Match", etag).queryParam("label", "production").get(path(name)).then().statusCode(200)
                .body("resolved.version", equalTo(2)).header("ETag", not(equalTo(etag)));
        as(t.viewer()).queryParam("label", "nope").get(path(name)).then().statusCode(404).body("code", equalTo("LABEL_NOT_FOUND"));
    }

    private static io.restassured.response.ValidatableResponse render(String token, String name, Map<String, Object> body) {
        Map<String, Object> request = new java.util.HashMap<>(body);
        request.putIfAbsent("variables", Map.of("who", "A"));
        return as(token).body(request).post(path(name) + "/render").then();
    }
}
