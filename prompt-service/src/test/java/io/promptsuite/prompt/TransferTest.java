package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TransferTest {

    private static String export(String token) {
        return as(token).get("/api/v1/prompts/export").then().statusCode(200)
                .contentType(containsString("yaml")).extract().asString();
    }

    @Test
    void exportAndImportRoundTrip() {
        Tenant source = newTenant();
        String text = publishedText(source.editor(), "lib/greet", "Hello {{who}}\nsecond line", WHO_SCHEMA);
        as(source.editor()).body(Map.of("type", "text", "template", "draft {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(text) + "/versions").then().statusCode(201);
        as(source.editor()).body(Map.of("version", 1)).put(path(text) + "/labels/staging").then().statusCode(201);
        String chat = uniqueName("lib/chat");
        as(source.editor()).body(Map.of("name", chat, "tags", List.of("x"))).post("/api/v1/prompts").then().statusCode(201);
        as(source.editor()).body(Map.of("type", "chat", "messages", List.of(Map.of("role", "user", "content", "Q")))).post(path(chat) + "/versions");
        as(source.editor()).post(path(chat) + "/versions/1/publish").then().statusCode(200);
        String yaml = export(source.viewer());
        assertTrue(yaml.contains(text) && yaml.contains("Hello {{who}}") && yaml.contains("draft {{who}}"), yaml);

        Tenant target = newTenant();
        given(target.editor(), yaml, true).then().statusCode(200).body("dry_run", equalTo(true)).body("applied", equalTo(false))
                .body("summary.create", equalTo(2)).body("changes.prompt", hasItems(text, chat));
        as(target.viewer()).get("/api/v1/prompts").then().body("total", equalTo(0));
        given(target.editor(), yaml, false).then().statusCode(200).body("applied", equalTo(true));
        as(target.viewer()).get(path(text) + "/versions").then().body("items.version", contains(1, 2))
                .body("items.status", contains("published", "draft"));
        as(target.viewer()).body(Map.of("label", "staging", "variables", Map.of("who", "T"))).post(path(text) + "/render")
                .then().statusCode(200).body("text", equalTo("Hello T\nsecond line"));
        // Names and versions survive: re-exporting the copy says the same, and importing it again changes nothing.
        String copy = export(target.viewer());
        assertEquals(yaml.replace(source.slug(), "@"), copy.replace(target.slug(), "@"));
        given(target.editor(), copy, true).then().body("summary.unchanged", equalTo(2)).body("summary.create", equalTo(0));
    }

    @Test
    void conflictsAreListedAndNothingIsWritten() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "conflict", "Original {{who}}", WHO_SCHEMA);
        String yaml = export(t.viewer()).replace("Original {{who}}", "Rewritten {{who}}")
                + "";
        String withNew = yaml.replace("prompts:\n", "prompts:\n- name: brand-new\n  versions:\n  - version: 1\n    status: draft\n    type: text\n    template: new\n");
        given(t.editor(), withNew, true).then().statusCode(200)
                .body("summary.conflict", equalTo(1)).body("summary.create", equalTo(1))
                .body("changes.find { it.prompt == '" + name + "' }.action", equalTo("conflict"));
        given(t.editor(), withNew, false).then().statusCode(409).body("code", equalTo("IMPORT_CONFLICTS"));
        as(t.viewer()).get(path("brand-new")).then().statusCode(404);
    }

    @Test
    void badDocumentsAreRefused() {
        Tenant t = newTenant();
        given(t.editor(), "prompts: [unclosed", true).then().statusCode(400).body("code", equalTo("INVALID_IMPORT"));
        given(t.editor(), "nonsense: 1", true).then().statusCode(400).body("code", equalTo("INVALID_IMPORT"));
        given(t.editor(), "prompts:\n- name: 'bad name'\n", true).then().statusCode(400).body("code", equalTo("INVALID_IMPORT"))
                .body("details.fields[0].field", equalTo("prompts[0].name"));
        given(t.viewer(), "prompts: []", true).then().statusCode(403);
    }

    private static io.restassured.response.Response given(String token, String yaml, boolean dryRun) {
        return io.restassured.RestAssured.given().auth().oauth2(token).contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("dry_run", dryRun).post("/api/v1/prompts/import");
    }
}
