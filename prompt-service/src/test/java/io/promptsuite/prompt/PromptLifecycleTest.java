package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "prompt-service"))
class PromptLifecycleTest {

    @Test
    void promptsAreCreatedListedChangedDeletedAndRestored() {
        Tenant t = newTenant();
        String name = uniqueName("team/support/greeting");
        as(t.editor()).body(Map.of("name", name, "description", "Greets", "tags", List.of("support", "en")))
                .post("/api/v1/prompts").then().statusCode(201)
                .header("Location", containsString("/api/v1/prompts/"))
                .body("name", equalTo(name)).body("visibility", equalTo("tenant")).body("tags", contains("support", "en"))
                .body("labels", anEmptyMap()).body("latest_version", nullValue());
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(409).body("code", equalTo("PROMPT_EXISTS"));
        as(t.editor()).body(Map.of("name", uniqueName("other"), "tags", List.of("fr"))).post("/api/v1/prompts").then().statusCode(201);

        as(t.viewer()).queryParam("prefix", "team/support/").get("/api/v1/prompts").then().statusCode(200)
                .body("items.name", contains(name)).body("total", equalTo(1));
        as(t.viewer()).queryParam("tag", "fr").get("/api/v1/prompts").then().body("items", hasSize(1))
                .body("items[0].tags", contains("fr"));
        as(t.viewer()).queryParam("size", 1).get("/api/v1/prompts").then().body("items", hasSize(1)).body("total", equalTo(2));
        as(t.viewer()).queryParam("size", 500).get("/api/v1/prompts").then().statusCode(400);

        as(t.editor()).body(Map.of("description", "Greets warmly", "visibility", "private")).patch(path(name)).then()
                .statusCode(200).body("description", equalTo("Greets warmly")).body("visibility", equalTo("private"));
        // Private: editors+ only.
        as(t.viewer()).get(path(name)).then().statusCode(404);
        as(t.viewer()).get("/api/v1/prompts").then().body("items.name", not(hasItem(name)));
        as(t.editor()).get(path(name)).then().statusCode(200).body("description", equalTo("Greets warmly"));

        as(t.editor()).delete(path(name)).then().statusCode(403);
        as(t.admin()).delete(path(name)).then().statusCode(204);
        as(t.admin()).get(path(name)).then().statusCode(404).body("code", equalTo("PROMPT_NOT_FOUND"));
        as(t.admin()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(409).body("code", equalTo("PROMPT_DELETED"));
        as(t.admin()).queryParam("deleted", true).get("/api/v1/prompts").then().body("items.name", hasItem(name));
        as(t.admin()).post(path(name) + "/restore").then().statusCode(200).body("deleted_at", nullValue());
        as(t.admin()).get(path(name)).then().statusCode(200);
        as(t.admin()).post(path(name) + "/restore").then().statusCode(409);
    }

    @Test
    void badNamesAndBodiesAreRefusedPrecisely() {
        Tenant t = newTenant();
        for (String bad : List.of("has space", "/leading", "trailing/", "a//b", "x".repeat(201), "export", "a/versions/b", "ünï")) {
            as(t.editor()).body(Map.of("name", bad)).post("/api/v1/prompts").then().statusCode(400)
                    .body("code", anyOf(equalTo("INVALID_NAME"), equalTo("VALIDATION_FAILED")));
        }
        as(t.editor()).body(Map.of("name", uniqueName("ok"), "colour", "red")).post("/api/v1/prompts").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD"));
        as(t.editor()).body(Map.of("name", uniqueName("ok"), "visibility", "everyone")).post("/api/v1/prompts").then()
                .statusCode(400).body("details.fields[0].field", equalTo("visibility"));
        as(t.editor()).body("{\"name\": ").post("/api/v1/prompts").then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        as(t.viewer()).body(Map.of("name", uniqueName("ok"))).post("/api/v1/prompts").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/prompts").then().statusCode(401);
    }

    @Test
    void namesWithSlashesWorkEncodedOrNot() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "folder/sub/p", "Hi {{who}}", WHO_SCHEMA);
        as(t.viewer()).get("/api/v1/prompts/" + name).then().statusCode(200).body("name", equalTo(name));
        as(t.viewer()).urlEncodingEnabled(false).get("/api/v1/prompts/" + name.replace("/", "%2F")).then().statusCode(200)
                .body("name", equalTo(name));
        as(t.viewer()).body(Map.of("variables", Map.of("who", "x"))).post("/api/v1/prompts/" + name + "/render").then()
                .statusCode(200).body("text", equalTo("Hi x"));
        as(t.viewer()).get(path(name) + "/versions").then().statusCode(200).body("items.version", contains(1));
    }

    @Test
    void auditRecordsEveryChange() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "audited", "Hi {{who}}", WHO_SCHEMA);
        as(t.admin()).body(Map.of("protected", true)).patch(path(name) + "/labels/production").then().statusCode(200);
        as(t.admin()).delete(path(name)).then().statusCode(204);
        as(t.admin()).get(path(name) + "/audit").then().statusCode(200)
                .body("items.action", hasItems("created", "version.created", "version.published", "label.moved",
                        "label.protected", "deleted"))
                .body("items[0].action", equalTo("deleted"))
                .body("items.find { it.action == 'label.moved' }.label", equalTo("production"))
                .body("items.find { it.action == 'label.moved' }.actor_id", not(emptyOrNullString()));
        as(t.viewer()).get(path(name) + "/audit").then().statusCode(404);
    }
}
