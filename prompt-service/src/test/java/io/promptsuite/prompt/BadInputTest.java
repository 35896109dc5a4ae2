package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Paging at any value, imports checked like the API, and reads that never show the wrong prompt. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "prompt-service"))
class BadInputTest {

    private static final List<String> PAGES = List.of("0", "1", "21474835", "21474836", "2147483647", "-1", "-2147483648",
            "99999999999999999999", "abc", "1.5", "", " 3", "0x10", "1e3");
    private static final List<String> SIZES = List.of("1", "100", "101", "0", "-5", "2147483647", "99999999999999999999", "x", "");

    @Test
    void pagingAtAnyValueIsAnAnswerOrA400() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "paged", "Hi {{who}}", WHO_SCHEMA);
        List<String> lists = List.of("/api/v1/prompts", path(name) + "/audit", path(name) + "/labels/production/history");
        for (String list : lists) {
            for (String page : PAGES) {
                for (String size : SIZES) {
                    Response r = as(t.admin()).queryParam("page", page).queryParam("size", size).get(list);
                    int status = r.statusCode();
                    assertTrue(status == 200 || status == 400, list + "?page=" + page + "&size=" + size + " answered " + status
                            + ": " + r.asString());
                    if (status == 400) {
                        assertEquals("VALIDATION_FAILED", r.path("code"), r.asString());
                        assertNotNull(r.path("request_id"));
                        assertFalse(((List<?>) r.path("details.fields")).isEmpty(), r.asString());
                    }
                }
            }
        }
        as(t.admin()).queryParam("page", "2147483647").get("/api/v1/prompts").then().statusCode(400)
                .body("details.fields[0].field", equalTo("page"));
        as(t.admin()).queryParam("page", "21474835").queryParam("size", "100").get("/api/v1/prompts").then().statusCode(200)
                .body("items", empty()).body("total", equalTo(1));
        for (String version : List.of("abc", "0", "-1", "2147483648", "1.0")) {
            as(t.admin()).queryParam("version", version).get(path(name)).then().statusCode(400)
                    .body("details.fields[0].field", equalTo("version"));
        }
        as(t.admin()).queryParam("version", "1").get(path(name)).then().statusCode(200);
        as(t.admin()).queryParam("size", "abc").get("/api/v1/prompts").then().statusCode(400)
                .body("details.fields[0].field", equalTo("size")).body("details.fields[0].message", containsString("whole number"));
    }

    @Test
    void getWithOwnerNeverFallsBackToTheCallersOwnPrompt() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String name = uniqueName("same-name");
        // A's prompt is public but has nothing in production; B's prompt of the same name is private.
        as(a.editor()).body(Map.of("name", name, "description", "A's public", "visibility", "public")).post("/api/v1/prompts")
                .then().statusCode(201);
        as(b.editor()).body(Map.of("name", name, "description", "B's secret", "visibility", "private")).post("/api/v1/prompts")
                .then().statusCode(201);
        as(b.viewer()).queryParam("owner", a.slug()).get(path(name)).then().statusCode(200)
                .body("tenant", equalTo(a.slug())).body("description", equalTo("A's public"));
        as(b.viewer()).get(path(name)).then().statusCode(404);
        // A private or tenant-only prompt of another tenant is not found, whatever the caller holds of that name.
        as(a.editor()).body(Map.of("visibility", "tenant")).patch(path(name)).then().statusCode(200);
        as(b.editor()).queryParam("owner", a.slug()).get(path(name)).then().statusCode(404).body("code", equalTo("PROMPT_NOT_FOUND"));
        as(b.editor()).queryParam("owner", "no-such-tenant").get(path(name)).then().statusCode(404);
        as(b.editor()).queryParam("owner", b.slug()).get(path(name)).then().statusCode(200).body("description", equalTo("B's secret"));
        as(b.viewer()).queryParam("owner", b.slug()).get(path(name)).then().statusCode(404);
    }

    private static Response importYaml(String token, String yaml, boolean dryRun) {
        return io.restassured.RestAssured.given().auth().oauth2(token).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).queryParam("dry_run", dryRun).post("/api/v1/prompts/import");
    }

    private static String doc(String good, String bad, String badBody) {
        return "prompts:\n"
                + "- name: " + good + "\n  description: fine\n  versions:\n  - version: 1\n    status: draft\n    type: text\n    template: ok\n"
                + "- name: " + bad + "\n" + badBody;
    }

    @Test
    void aBadImportIsA400NamingThePromptAndFieldAndWritesNothing() {
        Tenant t = newTenant();
        String version = "  versions:\n  - version: 1\n    type: text\n    template: ok\n";
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("description", "  description: " + "d".repeat(2001) + "\n");
        cases.put("tags", "  tags: [" + String.join(", ", java.util.Collections.nCopies(21, "t")) + "]\n");
        cases.put("tags[0]", "  tags: ['has space']\n");
        cases.put("visibility", "  visibility: everyone\n");
        cases.put("versions[0].version", "  versions:\n  - version: 0\n    type: text\n    template: ok\n");
        cases.put("versions[0].version ", "  versions:\n  - version: 2147483647\n    type: text\n    template: ok\n");
        cases.put("versions[1].version", version + "  - version: 1\n    type: text\n    template: again\n");
        cases.put("versions[0].status", "  versions:\n  - version: 1\n    status: shipped\n    type: text\n    template: ok\n");
        cases.put("versions[0].type", "  versions:\n  - version: 1\n    type: audio\n    template: ok\n");
        cases.put("versions[0].template", "  versions:\n  - version: 1\n    type: text\n    template: '{{#open}}'\n");
        cases.put("versions[0].messages[0].role", "  versions:\n  - version: 1\n    type: chat\n    messages:\n    - role: wizard\n      content: x\n");
        cases.put("versions[0].commit_message", "  versions:\n  - version: 1\n    type: text\n    template: ok\n    commit_message: " + "c".repeat(2001) + "\n");
        cases.put("labels.Bad Label", version + "  labels:\n    Bad Label:\n      version: 1\n");
        cases.put("labels.prod.version", version + "  labels:\n    prod:\n      version: 1000001\n");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String good = uniqueName("good");
            String bad = uniqueName("bad" + i++);
            String yaml = doc(good, bad, c.getValue());
            for (boolean dryRun : List.of(true, false)) {
                Response r = importYaml(t.editor(), yaml, dryRun);
                assertEquals(400, r.statusCode(), c.getKey() + ": " + r.asString());
                assertEquals("INVALID_IMPORT", r.path("code"), r.asString());
                assertEquals(bad, r.path("details.prompt"), r.asString());
                List<String> fields = r.path("details.fields.field");
                assertTrue(fields.contains("prompts[1]." + c.getKey().trim()), c.getKey() + " → " + fields);
                assertTrue(r.<String> path("message").contains(bad), r.asString());
            }
            as(t.editor()).get(path(good)).then().statusCode(404);
        }
        as(t.viewer()).get("/api/v1/prompts").then().body("total", equalTo(0));
    }

    @Test
    void anImportThatFailsWhileApplyingLeavesNoChangeAndNoAudit() {
        Tenant t = newTenant();
        String existing = publishedText(t.editor(), "kept", "Hi {{who}}", WHO_SCHEMA);
        String fresh = uniqueName("fresh");
        // The second prompt publishes a version whose template uses a variable its schema doesn't declare: that is only
        // found when publishing, after the first prompt was already changed in the same transaction.
        String yaml = "prompts:\n"
                + "- name: " + existing + "\n  description: changed by the import\n"
                + "- name: " + fresh + "\n  versions:\n  - version: 1\n    status: published\n    type: text\n    template: 'Hi {{undeclared}}'\n";
        Response r = importYaml(t.editor(), yaml, false);
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.asString());
        assertEquals(fresh, r.path("details.prompt"), r.asString());
        as(t.editor()).get(path(fresh)).then().statusCode(404);
        as(t.editor()).get(path(existing)).then().statusCode(200).body("description", nullValue());
        as(t.editor()).get(path(existing) + "/audit").then().statusCode(200)
                .body("items.action", not(hasItem("updated"))).body("items.action", not(hasItem("version.imported")));
    }
}
