package io.promptsuite.prompt;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.openapi.PublishedContract;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * HTTP helpers: identities from the real auth-service (through the shared {@link Accounts}), prompt-service (the app
 * under test) for everything else. Every request built here has its response checked against the document the
 * service publishes, so the document can't drift from what the tests receive.
 */
public final class Api {

    public static final String PASSWORD = Accounts.PASSWORD;

    private Api() {
    }

    public record Tenant(String slug, String admin, String editor, String viewer) {
    }

    public static String login(String tenant, String email, String password) {
        return Accounts.atRealAuthService().accessToken(tenant, email, password);
    }

    /** A fresh tenant with an admin, an editor and a viewer, each as a bearer token. */
    public static Tenant newTenant() {
        Accounts.Team team = Accounts.atRealAuthService().newTeam();
        return new Tenant(team.slug(), team.admin(), team.editor(), team.viewer());
    }

    public static String apiKey(String adminToken, String role) {
        return Accounts.atRealAuthService().apiKey(adminToken, role);
    }

    /** A JSON request whose response must match the published document. */
    public static RequestSpecification checked() {
        return given().filter(PublishedContract.ofServiceUnderTest()).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String token) {
        return checked().auth().oauth2(token);
    }

    public static RequestSpecification withKey(String key) {
        return checked().header("X-API-Key", key);
    }

    /** The prompt's URL path; its '/' stay as they are (REST Assured would encode an encoded %2F again). */
    public static String path(String name) {
        return "/api/v1/prompts/" + name;
    }

    public static String uniqueName(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    public static final Map<String, Object> WHO_SCHEMA = Map.of("type", "object",
            "properties", Map.of("who", Map.of("type", "string")), "required", List.of("who"), "additionalProperties", false);

    /** Creates a prompt with one published text version labelled production; answers the name. */
    public static String publishedText(String token, String base, String template, Map<String, Object> schema) {
        String name = uniqueName(base);
        as(token).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        as(token).body(Map.of("type", "text", "template", template, "variables_schema", schema))
                .post(path(name) + "/versions").then().statusCode(201);
        as(token).post(path(name) + "/versions/1/publish").then().statusCode(200);
        as(token).body(Map.of("version", 1)).put(path(name) + "/labels/production").then().statusCode(201);
        return name;
    }
}
