package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.hostile.HostileRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The net for what nobody listed: every operation in prompt-service's OpenAPI document, sent hostile variations by an
 * admin whose tenant holds a published, labelled prompt (so names, versions and labels resolve and handlers run to
 * the end). Another tenant's private prompt is tried wherever a name goes and must never be served. Any 5xx, or any
 * error outside the envelope, fails.
 */
@QuarkusTest
class HostileInputTest {

    @Test
    void noOperationAnswersHostileInputWithAServerErrorOrOutsideTheEnvelope() {
        Tenant mine = newTenant();
        Tenant other = newTenant();
        String target = publishedText(mine.editor(), "target", "Hi {{who}}", WHO_SCHEMA);
        String theirs = publishedText(other.editor(), "theirs", "Secret {{who}}", WHO_SCHEMA);
        as(other.editor()).body(Map.of("visibility", "private")).patch(path(theirs)).then().statusCode(200);

        HostileRequests.Report report = HostileRequests.against(RestAssured.baseURI + ":" + RestAssured.port)
                .headers(() -> Map.of("Authorization", "Bearer " + mine.admin()))
                .known("name", target)
                .known("label", "production")
                .known("n", "1")
                .known("version", "1")
                .foreignIds(List.of(theirs))
                // A change feed is an endless stream; EventsTest covers it.
                .skip(operation -> operation.path().equals("/api/v1/prompt-events"))
                .run();
        assertTrue(report.findings().isEmpty(), report.summary());
        assertTrue(report.requests() > 1000, "the net covered too little: " + report.requests() + " requests");
    }
}
