package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.NoRedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With Redis unreachable the service stays ready, serves from PostgreSQL, and says so. */
@QuarkusTest
@TestProfile(NoRedisProfile.class)
class RedisOutageTest {

    @Test
    void promptsAreServedFromPostgresqlAndReadinessSaysSo() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'prompt cache' }.data.redis", equalTo("down"))
                .body("checks.find { it.name == 'prompt cache' }.data.mode", equalTo("serving from PostgreSQL"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("down"));
        io.restassured.RestAssured.given().get("/q/metrics").then().body(containsString("prompt_cache_redis_up 0.0"))
                .body(containsString("suite_redis_up 0.0"));
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "no-redis", "one {{who}}", WHO_SCHEMA);
        as(t.viewer()).body(Map.of("variables", Map.of("who", "x"))).post(path(name) + "/render").then().statusCode(200)
                .body("text", equalTo("one x"));
        as(t.editor()).body(Map.of("type", "text", "template", "two {{who}}", "variables_schema", WHO_SCHEMA))
                .post(path(name) + "/versions").then().statusCode(201);
        as(t.editor()).post(path(name) + "/versions/2/publish").then().statusCode(200);
        as(t.editor()).body(Map.of("version", 2)).put(path(name) + "/labels/production").then().statusCode(200);
        as(t.viewer()).body(Map.of("variables", Map.of("who", "x"))).post(path(name) + "/render").then().statusCode(200)
                .body("text", equalTo("two x"));
    }
}
