package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Render, publish checks, schema patterns and diff are bounded by the work they do, whatever an editor publishes and
 * whatever a viewer sends: each case here ran for minutes (or failed with a 500) before the bounds.
 */
@QuarkusTest
class RenderCostTest {

    /** A bound, not a benchmark: the stopped renders here take well under a second on an idle machine. */
    static final long QUICK_MS = 4_000;

    static final Map<String, Object> ARRAY_SCHEMA = Map.of("type", "object",
            "properties", Map.of("a", Map.of("type", "array", "items", Map.of("type", "integer"))), "additionalProperties", false);

    static final Map<String, Object> NONE = Map.of("type", "object");

    static List<Integer> items(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    static String nested(String name, int depth, String inner) {
        return ("{{#" + name + "}}").repeat(depth) + inner + ("{{/" + name + "}}").repeat(depth);
    }

    static Response timedRender(String token, String name, Map<String, Object> body) {
        long start = System.nanoTime();
        Response response = as(token).body(body).post(path(name) + "/render");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < QUICK_MS, "render answered after " + ms + " ms");
        return response;
    }

    @Test
    void nestedSectionsThatWriteNothingAreStoppedQuickly() {
        Tenant t = newTenant();
        // 100^5 iterations, not one character written: the output limit never sees it.
        String name = publishedText(t.editor(), "loops", nested("a", 5, ""), ARRAY_SCHEMA);
        timedRender(t.viewer(), name, Map.of("variables", Map.of("a", items(100)))).then().statusCode(422)
                .body("code", equalTo("RENDER_TOO_EXPENSIVE")).body("request_id", notNullValue());
        // Small data through the same template still renders, on the fast path or a worker.
        timedRender(t.viewer(), name, Map.of("variables", Map.of("a", items(3)))).then().statusCode(200)
                .body("text", equalTo(""));
        // The service is still there for everyone else.
        String other = publishedText(t.editor(), "still-fine", "Hi {{who}}", WHO_SCHEMA);
        timedRender(t.viewer(), other, Map.of("variables", Map.of("who", "A"))).then().statusCode(200).body("text", equalTo("Hi A"));
    }

    @Test
    void expensiveRendersNeverHoldTheEventLoop() throws Exception {
        Tenant t = newTenant();
        String heavy = publishedText(t.editor(), "heavy", nested("a", 5, ""), ARRAY_SCHEMA);
        String light = publishedText(t.editor(), "light", "Hi {{who}}", WHO_SCHEMA);
        // Warm both, so both take the in-memory fast path that answers on the event loop.
        as(t.viewer()).body(Map.of("variables", Map.of("a", items(2)))).post(path(heavy) + "/render").then().statusCode(200);
        as(t.viewer()).body(Map.of("variables", Map.of("who", "A"))).post(path(light) + "/render").then().statusCode(200);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> heavyRenders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                heavyRenders.add(pool.submit(() -> as(t.viewer()).body(Map.of("variables", Map.of("a", items(100))))
                        .post(path(heavy) + "/render").statusCode()));
            }
            for (int i = 0; i < 5; i++) {
                timedRender(t.viewer(), light, Map.of("variables", Map.of("who", "A"))).then().statusCode(200);
            }
            for (var render : heavyRenders) {
                org.junit.jupiter.api.Assertions.assertEquals(422, render.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sectionsInsidePartialsAreCountedToo() {
        Tenant t = newTenant();
        String inner = publishedText(t.editor(), "inner-loops", nested("a", 3, ""), ARRAY_SCHEMA);
        String outer = publishedText(t.editor(), "outer-loops", nested("a", 2, "{{> " + inner + "}}"), ARRAY_SCHEMA);
        timedRender(t.viewer(), outer, Map.of("variables", Map.of("a", items(100)))).then().statusCode(422)
                .body("code", equalTo("RENDER_TOO_EXPENSIVE"));
        // Chat messages share one budget.
        String chat = uniqueName("chat-loops");
        as(t.editor()).body(Map.of("name", chat)).post("/api/v1/prompts").then().statusCode(201);
        as(t.editor()).body(Map.of("type", "chat", "variables_schema", ARRAY_SCHEMA, "messages", List.of(
                Map.of("role", "system", "content", nested("a", 3, "")),
                Map.of("role", "user", "content", nested("a", 3, ""))))).post(path(chat) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(chat) + "/versions/1/publish").then().statusCode(200);
        as(t.editor()).body(Map.of("version", 1)).put(path(chat) + "/labels/production").then().statusCode(201);
        timedRender(t.viewer(), chat, Map.of("variables", Map.of("a", items(150)))).then().statusCode(422)
                .body("code", equalTo("RENDER_TOO_EXPENSIVE"));
    }

    @Test
    void outputWrittenThroughAppendIsBounded() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "big-output", nested("a", 1, "x".repeat(10_000)), ARRAY_SCHEMA);
        timedRender(t.viewer(), name, Map.of("variables", Map.of("a", items(1_000)))).then().statusCode(422)
                .body("code", equalTo("RENDER_TOO_LARGE"));
    }

    @Test
    void nestingAndSectionCountAreDecidedAtPublish() {
        Tenant t = newTenant();
        String name = uniqueName("deep");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        as(t.editor()).body(Map.of("type", "text", "template", nested("a", 40, "x"), "variables_schema", ARRAY_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/1/publish").then().statusCode(422)
                .body("code", equalTo("TEMPLATE_TOO_COMPLEX"))
                .body("details.fields[0].field", equalTo("template"))
                .body("details.fields[0].message", containsString("40 levels"));
        String many = "{{#a}}x{{/a}}".repeat(600);
        as(t.editor()).body(Map.of("type", "chat", "variables_schema", ARRAY_SCHEMA, "messages", List.of(
                Map.of("role", "system", "content", "fine"), Map.of("role", "user", "content", many))))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/2/publish").then().statusCode(422)
                .body("code", equalTo("TEMPLATE_TOO_COMPLEX"))
                .body("details.fields[0].field", equalTo("messages[1].content"));
        // A draft that deep is refused when an editor renders it, not answered with a 500.
        as(t.editor()).body(Map.of("version", 1, "variables", Map.of("a", items(2)))).post(path(name) + "/render").then()
                .statusCode(422).body("code", equalTo("RENDER_TOO_EXPENSIVE"));
    }

    @Test
    void partialsThatExpandTooFarAreRefusedAtPublishAndAtRender() {
        Tenant t = newTenant();
        String leaf = publishedText(t.editor(), "leaf", "{{! nothing }}", NONE);
        String wide = publishedText(t.editor(), "wide", ("{{> " + leaf + "}}").repeat(150), NONE);
        // 150 × 150 includes of includes: refused at publish, naming the field.
        String name = uniqueName("bomb");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        as(t.editor()).body(Map.of("type", "text", "template", ("{{> " + wide + "}}").repeat(150), "variables_schema", NONE))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/1/publish").then().statusCode(422)
                .body("code", equalTo("TEMPLATE_TOO_COMPLEX")).body("details.fields[0].field", equalTo("template"));
        // Published while its partial was small, then the partial's label moves: the render refuses, quickly.
        String growing = publishedText(t.editor(), "growing", "small", NONE);
        String includer = publishedText(t.editor(), "includer", ("{{> " + growing + "}}").repeat(150), NONE);
        as(t.editor()).body(Map.of("type", "text", "template", ("{{> " + leaf + "}}").repeat(150), "variables_schema", NONE))
                .post(path(growing) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(growing) + "/versions/2/publish").then().statusCode(200);
        as(t.editor()).body(Map.of("version", 2)).put(path(growing) + "/labels/production").then().statusCode(200);
        timedRender(t.viewer(), includer, Map.of()).then().statusCode(422).body("code", equalTo("RENDER_TOO_EXPENSIVE"));
    }

    @Test
    void parentTagsAreResolvedAndTheirCyclesRefusedAtPublish() {
        Tenant t = newTenant();
        String layout = publishedText(t.editor(), "layout", "Header {{$body}}default{{/body}} Footer", NONE);
        String page = publishedText(t.editor(), "page",
                "{{<" + layout + "}}{{$body}}Hi {{who}}{{/body}}{{/" + layout + "}}", WHO_SCHEMA);
        as(t.viewer()).body(Map.of("variables", Map.of("who", "A"))).post(path(page) + "/render").then().statusCode(200)
                .body("text", equalTo("Header Hi A Footer"));

        // layout v2 makes page its parent, and page's parent is layout: a -> b -> a.
        as(t.editor()).body(Map.of("type", "text", "template", "{{<" + page + "}}{{/" + page + "}}", "variables_schema", NONE))
                .post(path(layout) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(layout) + "/versions/2/publish").then().statusCode(422)
                .body("code", equalTo("PUBLISH_CHECKS_FAILED"))
                .body("details.problems.message", hasItem(containsString(layout + " -> " + page + " -> " + layout)));
        // A parent naming itself.
        as(t.editor()).body(Map.of("type", "text", "template", "{{<" + layout + "@latest}}{{/" + layout + "@latest}}",
                "variables_schema", NONE)).post(path(layout) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(layout) + "/versions/3/publish").then().statusCode(422)
                .body("details.problems.message", hasItem(containsString("cycle")));
        // Parents that don't exist, and includes hidden inside a parent's blocks, are resolved at publish too.
        String name = uniqueName("orphan");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        as(t.editor()).body(Map.of("type", "text", "template", "{{<no-such-layout}}{{/no-such-layout}}", "variables_schema", NONE))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/1/publish").then().statusCode(422)
                .body("details.problems.message", hasItem(containsString("no-such-layout")));
        as(t.editor()).body(Map.of("type", "text", "template",
                "{{<" + layout + "}}{{$body}}{{> no-such-footer}}{{/body}}{{/" + layout + "}}", "variables_schema", NONE))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/2/publish").then().statusCode(422)
                .body("details.problems.message", hasItem(containsString("no-such-footer")));
    }

    @Test
    void includeCyclesNameTheChain() {
        Tenant t = newTenant();
        String a = publishedText(t.editor(), "chain-a", "plain A", NONE);
        String b = publishedText(t.editor(), "chain-b", "B {{> " + a + "}}", NONE);
        as(t.editor()).body(Map.of("type", "text", "template", "A {{> " + b + "}}", "variables_schema", NONE))
                .post(path(a) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(a) + "/versions/2/publish").then().statusCode(422)
                .body("details.problems.message", hasItem(containsString(a + " -> " + b + " -> " + a)));
    }

    @Test
    void catastrophicPatternsAreHarmless() {
        Tenant t = newTenant();
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
                "s", Map.of("type", "string", "pattern", "^(a+)+$"),
                "m", Map.of("type", "object", "patternProperties", Map.of("^(a|aa)+$", Map.of("type", "string")),
                        "additionalProperties", false)),
                "additionalProperties", false);
        String name = publishedText(t.editor(), "redos", "{{s}}", schema);
        String evil = "a".repeat(5_000) + "!";
        timedRender(t.viewer(), name, Map.of("variables", Map.of("s", evil))).then().statusCode(422)
                .body("code", equalTo("INVALID_VARIABLES"));
        timedRender(t.viewer(), name, Map.of("variables", Map.of("m", Map.of(evil, "x")))).then().statusCode(422)
                .body("code", equalTo("INVALID_VARIABLES"));
        timedRender(t.viewer(), name, Map.of("variables", Map.of("s", "a".repeat(5_000)))).then().statusCode(200);
    }

    @Test
    void patternsRe2CannotRunAreRefusedAtPublish() {
        Tenant t = newTenant();
        String name = uniqueName("lookahead");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("s", Map.of("type", "string", "pattern", "^(?=a)(a)\\1$")));
        as(t.editor()).body(Map.of("type", "text", "template", "{{s}}", "variables_schema", schema))
                .post(path(name) + "/versions").then().statusCode(201);
        // The editor can still render the draft: a clear 422, not a 500.
        as(t.editor()).body(Map.of("version", 1, "variables", Map.of("s", "aa"))).post(path(name) + "/render").then()
                .statusCode(422).body("code", equalTo("SCHEMA_INVALID"));
        as(t.editor()).post(path(name) + "/versions/1/publish").then().statusCode(422)
                .body("code", equalTo("PUBLISH_CHECKS_FAILED"))
                .body("details.problems.field", hasItem("variables_schema"))
                .body("details.problems.message", hasItem(containsString("RE2")));
    }

    @Test
    void diffOfHugeVersionsIsBounded() {
        Tenant t = newTenant();
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            left.add("a" + (i % 10));
            right.add("b" + (i % 10));
        }
        Collections.shuffle(right);
        String name = uniqueName("huge-diff");
        as(t.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        for (List<String> lines : List.of(left, right)) {
            as(t.editor()).body(Map.of("type", "text", "template", String.join("\n", lines))).post(path(name) + "/versions")
                    .then().statusCode(201);
        }
        long start = System.nanoTime();
        Response diff = as(t.viewer()).get(path(name) + "/diff?from=1&to=2");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < QUICK_MS, "diff answered after " + ms + " ms");
        if (diff.statusCode() == 200) {
            diff.then().body("truncated", equalTo(true));
        } else {
            diff.then().statusCode(422).body("code", equalTo("DIFF_TOO_EXPENSIVE"));
        }
        // Small versions are diffed whole and say so.
        String small = uniqueName("small-diff");
        as(t.editor()).body(Map.of("name", small)).post("/api/v1/prompts").then().statusCode(201);
        as(t.editor()).body(Map.of("type", "text", "template", "one")).post(path(small) + "/versions").then().statusCode(201);
        as(t.editor()).body(Map.of("type", "text", "template", "two")).post(path(small) + "/versions").then().statusCode(201);
        as(t.viewer()).get(path(small) + "/diff?from=1&to=2").then().statusCode(200).body("truncated", equalTo(false))
                .body("template_diff", containsString("+two"));
    }
}
