package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What every service offers: health, metrics, OpenAPI, request ids and the error envelope. */
@QuarkusTest
class PlatformTest {

    @Test
    void readinessReportsDatabaseAndRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Database"), equalTo("redis")));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/auth/login"));
    }

    @Test
    void requestIdsAreEchoedOrCreated() {
        given().header("X-Request-ID", "abc-123").get("/nope").then().statusCode(404)
                .header("X-Request-ID", "abc-123").body("request_id", equalTo("abc-123"))
                .body("code", equalTo("NOT_FOUND"));
        given().header("X-Request-ID", "bad id\nwith newline").get("/nope").then()
                .header("X-Request-ID", not(containsString(" "))).body("request_id", not(emptyOrNullString()));
    }

    @Test
    void wrongMethodIs405InTheEnvelope() {
        json().delete("/api/v1/auth/login").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
    }
}
