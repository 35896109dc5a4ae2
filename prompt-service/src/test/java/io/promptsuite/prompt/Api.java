package io.promptsuite.prompt;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** HTTP helpers: auth-service for identities, prompt-service (the app under test) for everything else. */
public final class Api {

    public static final String PASSWORD = "Prompt-Tests-Str0ng-Pw!";

    private Api() {
    }

    public record Tenant(String slug, String admin, String editor, String viewer) {
    }

    public static String login(String tenant, String email, String password) {
        return given().baseUri(AuthServiceResource.url).contentType(ContentType.JSON)
                .body(Map.of("tenant", tenant, "email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
    }

    /** A fresh tenant with an admin, an editor and a viewer, each as a bearer token. */
    public static Tenant newTenant() {
        String platform = login("default", "admin@local", AuthServiceResource.BOOTSTRAP_PASSWORD);
        String slug = "p-" + UUID.randomUUID().toString().substring(0, 8);
        String adminEmail = "admin@" + slug + ".test";
        given().baseUri(AuthServiceResource.url).contentType(ContentType.JSON).auth().oauth2(platform)
                .body(Map.of("slug", slug, "name", slug, "admin_email", adminEmail, "admin_password", PASSWORD))
                .post("/api/v1/tenants").then().statusCode(201);
        String admin = login(slug, adminEmail, PASSWORD);
        for (String role : List.of("editor", "viewer")) {
            given().baseUri(AuthServiceResource.url).contentType(ContentType.JSON).auth().oauth2(admin)
                    .body(Map.of("email", role + "@" + slug + ".test", "password", PASSWORD, "role", role))
                    .post("/api/v1/users").then().statusCode(201);
        }
        return new Tenant(slug, admin, login(slug, "editor@" + slug + ".test", PASSWORD),
                login(slug, "viewer@" + slug + ".test", PASSWORD));
    }

    public static String apiKey(String adminToken, String role) {
        return given().baseUri(AuthServiceResource.url).contentType(ContentType.JSON).auth().oauth2(adminToken)
                .body(Map.of("name", "test " + role, "role", role)).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).auth().oauth2(token);
    }

    public static RequestSpecification withKey(String key) {
        return given().contentType(ContentType.JSON).header("X-API-Key", key);
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
        as(token).body(Map.of("version", 1)).put(path(name) + "/labels/production").then().statusCode(200);
        return name;
    }
}
