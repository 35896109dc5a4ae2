package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DiffTest {

    private static void version(Tenant t, String name, String template, Map<String, Object> schema, Map<String, Object> config) {
        as(t.editor()).body(Map.of("type", "text", "template", template, "variables_schema", schema, "config", config))
                .post(path(name) + "/versions").then().statusCode(201);
    }

    @Test
    void breakingSchemaChangesAreFlagged() {
        Tenant t = newTenant();
        String name = uniqueName("diff");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        version(t, name, "Hello {{who}}\nBye", Map.of("type", "object", "properties", Map.of(
                "who", Map.of("type", "string"), "n", Map.of("type", List.of("integer", "string")), "old", Map.of("type", "string")),
                "required", List.of("who")), Map.of("model", "a", "temperature", 0.5));
        version(t, name, "Hello {{who}} from {{where}}\nBye", Map.of("type", "object", "properties", Map.of(
                "who", Map.of("type", "string"), "n", Map.of("type", "integer"), "where", Map.of("type", "string"),
                "tone", Map.of("type", "string")), "required", List.of("who", "where")), Map.of("model", "b", "temperature", 0.5));
        as(t.viewer()).queryParam("from", 1).queryParam("to", 2).get(path(name) + "/diff").then().statusCode(200)
                .body("breaking", equalTo(true))
                .body("template_diff", containsString("-Hello {{who}}"))
                .body("template_diff", containsString("+Hello {{who}} from {{where}}"))
                .body("schema_changes.find { it.path == '$.where' }.breaking", equalTo(true))
                .body("schema_changes.find { it.path == '$.where' }.change", equalTo("added required variable"))
                .body("schema_changes.find { it.path == '$.old' }.change", equalTo("removed variable"))
                .body("schema_changes.find { it.path == '$.n' }.change", equalTo("type narrowed"))
                .body("schema_changes.find { it.path == '$.tone' }.breaking", equalTo(false))
                .body("config_changes", hasSize(1)).body("config_changes[0].key", equalTo("model"))
                .body("config_changes[0].from", equalTo("a")).body("config_changes[0].to", equalTo("b"));
        as(t.viewer()).queryParam("from", 2).queryParam("to", 1).get(path(name) + "/diff").then().statusCode(200)
                .body("schema_changes.find { it.path == '$.where' }.change", equalTo("removed variable"))
                .body("schema_changes.find { it.path == '$.n' }.change", equalTo("type widened"))
                .body("schema_changes.find { it.path == '$.n' }.breaking", equalTo(false));
    }

    @Test
    void compatibleChangesAreNotBreaking() {
        Tenant t = newTenant();
        String name = uniqueName("diff-ok");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        Map<String, Object> base = Map.of("type", "object", "properties", Map.of("who", Map.of("type", "integer")), "required", List.of("who"));
        version(t, name, "Hi {{who}}", base, Map.of());
        version(t, name, "Hi {{who}}!", Map.of("type", "object", "properties", Map.of("who", Map.of("type", "number"),
                "extra", Map.of("type", "string"))), Map.of());
        as(t.viewer()).queryParam("from", 1).queryParam("to", 2).get(path(name) + "/diff").then().statusCode(200)
                .body("breaking", equalTo(false)).body("schema_changes.breaking", everyItem(equalTo(false)));
        as(t.viewer()).queryParam("from", 1).get(path(name) + "/diff").then().statusCode(400);
        as(t.viewer()).queryParam("from", 1).queryParam("to", 7).get(path(name) + "/diff").then().statusCode(404);
    }

    @Test
    void chatMessagesAreDiffedToo() {
        Tenant t = newTenant();
        String name = uniqueName("diff-chat");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        for (String content : List.of("Be brief.", "Be very brief.")) {
            as(t.editor()).body(Map.of("type", "chat", "messages", List.of(Map.of("role", "system", "content", content))))
                    .post(path(name) + "/versions").then().statusCode(201);
        }
        as(t.viewer()).queryParam("from", 1).queryParam("to", 2).get(path(name) + "/diff").then().statusCode(200)
                .body("template_diff", containsString("+Be very brief.")).body("template_diff", containsString("[system]"));
    }
}
