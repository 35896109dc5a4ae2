package io.promptsuite.stats;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.openapi.PublishedContract;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * HTTP helpers for stats-service's tests: identities from the real auth-service (started beside the service under
 * test by {@code RealAuthService}), stats-service for everything else, every answer checked against the document the
 * service publishes.
 */
public final class StatsApi {

    private StatsApi() {
    }

    /** A fresh tenant with an admin, an editor and a viewer, each as a bearer token. */
    public static Accounts.Team newTeam() {
        return Accounts.atRealAuthService().newTeam();
    }

    public static String apiKey(String adminToken, String role) {
        return Accounts.atRealAuthService().apiKey(adminToken, role);
    }

    /** A service's client-credentials token with the {@code stats:write} scope (may name any tenant per event). */
    public static String writerServiceToken() {
        return Accounts.atRealAuthService().serviceToken("service stats:write");
    }

    public static String platformAdminToken() {
        return Accounts.atRealAuthService().platformAdminToken();
    }

    public static RequestSpecification checked() {
        return given().filter(PublishedContract.ofServiceUnderTest()).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String token) {
        return checked().auth().oauth2(token);
    }

    public static RequestSpecification withKey(String key) {
        return checked().header("X-API-Key", key);
    }

    /** A valid event of {@code prompt}: one success, 100 ms, 1,000 tokens in and 200 out, started a minute ago. */
    public static Map<String, Object> event(String prompt) {
        Map<String, Object> e = new HashMap<>();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("prompt", prompt);
        e.put("version", 1);
        e.put("model", "gpt-4o-mini");
        e.put("provider", "openai");
        e.put("status", "success");
        e.put("latency_ms", 100);
        e.put("input_tokens", 1000);
        e.put("output_tokens", 200);
        e.put("started_at", Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString());
        return e;
    }

    /** Posts one batch and answers the response for the caller to check. */
    public static ValidatableResponse postBatch(String token, List<Map<String, Object>> events) {
        return as(token).body(Map.of("events", events)).post("/api/v1/executions/batch").then();
    }

    public static String uniquePrompt(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
