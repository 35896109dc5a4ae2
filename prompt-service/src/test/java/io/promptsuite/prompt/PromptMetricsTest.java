package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Renders by outcome, the caches' hit counts and API-key introspection latency are in /q/metrics. */
@QuarkusTest
class PromptMetricsTest {

    private static double metric(String name, String... labels) {
        String page = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : page.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                Matcher m = Pattern.compile("} ([0-9.eE+-]+)$").matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        return 0;
    }

    @Test
    void rendersAreCountedByOutcomeAndCacheHitsShow() {
        var t = newTenant();
        String name = publishedText(t.editor(), "metered", "Hi {{who}}", WHO_SCHEMA);
        Map<String, Object> good = Map.of("variables", Map.of("who", "Ada"));
        as(t.viewer()).body(good).post(path(name) + "/render").then().statusCode(200);

        double rendered = metric("prompt_renders_total", "outcome=\"rendered\"");
        double invalid = metric("prompt_renders_total", "outcome=\"invalid_variables\"");
        double headHits = metric("cache_gets_total", "cache=\"prompt_heads\"", "result=\"hit\"");
        for (int i = 0; i < 3; i++) {
            as(t.viewer()).body(good).post(path(name) + "/render").then().statusCode(200);
        }
        as(t.viewer()).body(Map.of("variables", Map.of("who", 42))).post(path(name) + "/render").then().statusCode(422);

        assertEquals(rendered + 3, metric("prompt_renders_total", "outcome=\"rendered\""));
        assertEquals(invalid + 1, metric("prompt_renders_total", "outcome=\"invalid_variables\""));
        assertTrue(metric("cache_gets_total", "cache=\"prompt_heads\"", "result=\"hit\"") >= headHits + 3,
                "warm renders find their prompt head in memory");
    }

    @Test
    void apiKeyIntrospectionIsTimedByAnswer() {
        var t = newTenant();
        double active = metric("suite_introspection_seconds_count", "outcome=\"active\"");
        double inactive = metric("suite_introspection_seconds_count", "outcome=\"inactive\"");
        String key = apiKey(t.admin(), "viewer");
        withKey(key).get("/api/v1/prompts").then().statusCode(200);
        withKey("psk_" + java.util.UUID.randomUUID().toString().replace("-", "") + "0123456789abcdefghijk").get("/api/v1/prompts").then().statusCode(401);
        assertEquals(active + 1, metric("suite_introspection_seconds_count", "outcome=\"active\""));
        assertEquals(inactive + 1, metric("suite_introspection_seconds_count", "outcome=\"inactive\""));
    }
}
