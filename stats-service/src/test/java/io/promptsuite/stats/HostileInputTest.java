package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.promptsuite.testing.hostile.HostileRequests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The net for what nobody listed: every operation in stats-service's OpenAPI document, sent hostile variations by an
 * admin whose tenant holds events and a price entry of its own (so ids resolve and handlers run to the end). Another
 * tenant's price entry is tried wherever an id goes and must never be served. Any 5xx, or any error outside the
 * envelope, fails.
 */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class HostileInputTest {

    @Test
    void noOperationAnswersHostileInputWithAServerErrorOrOutsideTheEnvelope() {
        Accounts.Team mine = newTeam();
        Accounts.Team other = newTeam();
        postBatch(mine.admin(), List.of(event("hostile-target"), event("hostile-target"))).statusCode(202);
        String price = as(mine.admin()).body(priceEntry("hostile-mine-*")).post("/api/v1/prices").then().statusCode(201)
                .extract().path("id");
        String theirs = as(other.admin()).body(priceEntry("hostile-theirs-*")).post("/api/v1/prices").then().statusCode(201)
                .extract().path("id");

        HostileRequests.Report report = HostileRequests.against(RestAssured.baseURI + ":" + RestAssured.port)
                .headers(() -> Map.of("Authorization", "Bearer " + mine.admin()))
                .known("id", price)
                .foreignIds(List.of(theirs, other.tenantId()))
                .run();
        assertTrue(report.findings().isEmpty(), report.summary());
        assertTrue(report.requests() > 300, "the net covered too little: " + report.requests() + " requests");
    }

    private static Map<String, Object> priceEntry(String pattern) {
        return Map.of("model_pattern", pattern, "effective_from", "2026-01-01T00:00:00Z", "input_per_mtok", 1,
                "output_per_mtok", 2);
    }
}
