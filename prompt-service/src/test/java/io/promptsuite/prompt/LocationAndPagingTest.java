package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What creations answer (201, a Location a GET answers) and how version and label lists page. */
@QuarkusTest
class LocationAndPagingTest {

    @Test
    void everyLocationIsSomethingAGetAnswers() {
        Tenant t = newTenant();
        String name = uniqueName("team/located");
        String prompt = as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201)
                .extract().header("Location");
        as(t.viewer()).get(prompt).then().statusCode(200).body("name", equalTo(name));

        String version = as(t.editor()).body(Map.of("type", "text", "template", "Hi {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201).extract().header("Location");
        as(t.viewer()).get(version).then().statusCode(200).body("version", equalTo(1)).body("status", equalTo("draft"));
        as(t.editor()).post(path(name) + "/versions/1/publish").then().statusCode(200);

        String label = as(t.editor()).body(Map.of("version", 1)).put(path(name) + "/labels/staging").then().statusCode(201)
                .body("name", equalTo("staging")).body("version", equalTo(1)).extract().header("Location");
        as(t.viewer()).get(label).then().statusCode(200).body("resolved.version", equalTo(1))
                .body("resolved.label", equalTo("staging"));
    }

    @Test
    void aPutCreatesALabelWith201AndMovesItWith200() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "put-label", "one {{who}}", WHO_SCHEMA);
        as(t.editor()).body(Map.of("type", "text", "template", "two {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/2/publish").then().statusCode(200);
        as(t.editor()).body(Map.of("version", 2)).put(path(name) + "/labels/canary").then().statusCode(201)
                .header("Location", notNullValue());
        as(t.editor()).body(Map.of("version", 1)).put(path(name) + "/labels/canary").then().statusCode(200)
                .header("Location", nullValue()).body("version", equalTo(1));
        as(t.editor()).body(Map.of("version", 2)).put(path(name) + "/labels/production").then().statusCode(200);
    }

    @Test
    void versionAndLabelListsArePagedLikeEveryOtherList() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "paged", "one {{who}}", WHO_SCHEMA);
        as(t.editor()).body(Map.of("type", "text", "template", "two {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/2/publish").then().statusCode(200);
        as(t.editor()).body(Map.of("version", 2)).put(path(name) + "/labels/staging").then().statusCode(201);

        as(t.viewer()).get(path(name) + "/versions").then().statusCode(200).body("items.version", contains(1, 2))
                .body("page", equalTo(0)).body("size", equalTo(20)).body("total", equalTo(2));
        as(t.viewer()).queryParam("page", 1).queryParam("size", 1).get(path(name) + "/versions").then().statusCode(200)
                .body("items.version", contains(2)).body("page", equalTo(1)).body("size", equalTo(1)).body("total", equalTo(2));
        as(t.viewer()).queryParam("size", 1).get(path(name) + "/labels").then().statusCode(200)
                .body("items.name", contains("production")).body("total", equalTo(2));
        as(t.viewer()).queryParam("page", 1).queryParam("size", 1).get(path(name) + "/labels").then().statusCode(200)
                .body("items.name", contains("staging"));

        for (String list : new String[] { path(name) + "/versions", path(name) + "/labels" }) {
            as(t.viewer()).queryParam("size", 101).get(list).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                    .body("details.fields.field", contains("size"));
            as(t.viewer()).queryParam("size", 0).get(list).then().statusCode(400).body("details.fields.field", contains("size"));
            as(t.viewer()).queryParam("page", -1).get(list).then().statusCode(400).body("details.fields.field", contains("page"));
            as(t.viewer()).queryParam("page", "x").get(list).then().statusCode(400).body("details.fields.field", contains("page"));
        }
    }
}
