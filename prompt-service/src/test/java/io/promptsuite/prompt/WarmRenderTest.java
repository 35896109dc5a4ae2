package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Once warm, rendering and fetching by label read nothing from PostgreSQL (statistics are on in the test profile). */
@QuarkusTest
class WarmRenderTest {

    @Inject
    SessionFactory sessions;

    @Test
    void aWarmRenderQueriesNothing() {
        Tenant t = newTenant();
        String partial = publishedText(t.editor(), "warm-footer", "-- footer", Map.of("type", "object"));
        String name = publishedText(t.editor(), "warm", "Hi {{who}} {{> " + partial + "}}", WHO_SCHEMA);
        for (int i = 0; i < 2; i++) {
            as(t.viewer()).body(Map.of("variables", Map.of("who", "x"))).post(path(name) + "/render").then().statusCode(200)
                    .body("text", equalTo("Hi x -- footer"));
            as(t.viewer()).queryParam("label", "production").get(path(name)).then().statusCode(200);
        }
        long before = sessions.getStatistics().getPrepareStatementCount();
        for (int i = 0; i < 20; i++) {
            as(t.viewer()).body(Map.of("variables", Map.of("who", "y" + i))).post(path(name) + "/render").then().statusCode(200);
            as(t.viewer()).queryParam("label", "production").get(path(name)).then().statusCode(200);
        }
        assertEquals(before, sessions.getStatistics().getPrepareStatementCount(), "warm renders ran SQL");
    }
}
