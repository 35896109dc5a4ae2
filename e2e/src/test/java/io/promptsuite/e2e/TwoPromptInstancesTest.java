package io.promptsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.promptsuite.testing.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * auth-service and two prompt-service instances, as packaged, on one database and one Redis: what one instance
 * changes, the other serves within a second.
 */
class TwoPromptInstancesTest {

    static final String ADMIN_PASSWORD = io.promptsuite.testing.TestEnvironment.bootstrapPassword();
    static final String SECRET = "e2e-prompt-client-secret-0123456789";

    static ServiceProcess auth;
    static ServiceProcess first;
    static ServiceProcess second;
    static String admin;

    @BeforeAll
    static void start() {
        int authPort = ServiceProcess.freePort();
        String authUrl = "http://127.0.0.1:" + authPort;
        // New signing keys sign at once here, so a rotation can be seen by the verifiers within the test.
        auth = ServiceProcess.start("auth-service", authPort, Map.of("AUTH_BOOTSTRAP_PASSWORD", ADMIN_PASSWORD,
                "SUITE_ISSUER", authUrl, "SUITE_AUTH_URL", authUrl, "SUITE_PROMPT_CLIENT_SECRET", SECRET,
                "AUTH_SIGNING_PUBLISH_AHEAD", "PT0S"));
        Map<String, String> promptEnv = Map.of("SUITE_ISSUER", authUrl, "SUITE_AUTH_URL", authUrl,
                "SUITE_AUTH_CLIENT_ID", "prompt-service", "SUITE_AUTH_CLIENT_SECRET", SECRET);
        first = ServiceProcess.start("prompt-service", ServiceProcess.freePort(), promptEnv);
        second = ServiceProcess.start("prompt-service", ServiceProcess.freePort(), promptEnv);
        admin = given().baseUri(auth.url()).contentType(ContentType.JSON)
                .body(Map.of("tenant", "default", "email", "admin@local", "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess process : new ServiceProcess[] { second, first, auth }) {
            if (process != null) {
                process.close();
            }
        }
    }

    static RequestSpecification on(ServiceProcess instance) {
        return given().baseUri(instance.url()).contentType(ContentType.JSON).auth().oauth2(admin);
    }

    static String path(String name) {
        return "/api/v1/prompts/" + name;
    }

    static String promptWithTwoVersions() {
        String name = "e2e/p-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("who", Map.of("type", "string")),
                "required", List.of("who"));
        on(first).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
        for (int v = 1; v <= 2; v++) {
            on(first).body(Map.of("type", "text", "template", "v" + v + " {{who}}", "variables_schema", schema))
                    .post(path(name) + "/versions").then().statusCode(201);
            on(first).post(path(name) + "/versions/" + v + "/publish").then().statusCode(200);
        }
        on(first).body(Map.of("version", 1)).put(path(name) + "/labels/production").then().statusCode(201); // a new label
        return name;
    }

    static int renderedVersion(ServiceProcess instance, String name) {
        return on(instance).body(Map.of("variables", Map.of("who", "x"))).post(path(name) + "/render").then()
                .statusCode(200).extract().path("version");
    }

    @Test
    void aLabelMoveOnOneInstanceIsServedByTheOtherWithinASecond() throws Exception {
        String name = promptWithTwoVersions();
        // Warm the second instance's caches with version 1.
        for (int i = 0; i < 3; i++) {
            assertEquals(1, renderedVersion(second, name));
        }
        on(first).body(Map.of("version", 2, "reason", "release")).put(path(name) + "/labels/production").then().statusCode(200);
        long moved = System.nanoTime();
        int seen = 1;
        while (seen != 2 && System.nanoTime() - moved < 1_000_000_000L) {
            seen = renderedVersion(second, name);
            if (seen != 2) {
                Thread.sleep(20);
            }
        }
        long millis = (System.nanoTime() - moved) / 1_000_000;
        assertEquals(2, seen, "the second instance still served version 1 after " + millis + " ms");
        assertTrue(millis < 1000, millis + " ms");
        on(second).queryParam("label", "production").get(path(name)).then().statusCode(200).body("resolved.version", equalTo(2));
    }

    @Test
    void aProtectedLabelRefusesAnEditorsKeyOnEveryInstance() {
        String name = promptWithTwoVersions();
        on(second).body(Map.of("protected", true)).patch(path(name) + "/labels/production").then().statusCode(200);
        String editorKey = given().baseUri(auth.url()).contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("name", "e2e editor", "role", "editor")).post("/api/v1/api-keys").then().statusCode(201)
                .extract().path("key");
        for (ServiceProcess instance : List.of(first, second)) {
            given().baseUri(instance.url()).contentType(ContentType.JSON).header("X-API-Key", editorKey)
                    .body(Map.of("version", 2)).put(path(name) + "/labels/production").then().statusCode(403)
                    .body("code", equalTo("LABEL_PROTECTED"));
        }
    }

    @Test
    void aTokenSignedWithAFreshlyRotatedKeyIsAcceptedAtOnce() throws Exception {
        // Both instances have fetched and cached the JWKS by now.
        for (ServiceProcess instance : List.of(first, second)) {
            on(instance).get("/api/v1/prompts").then().statusCode(200);
        }
        String newKid = given().baseUri(auth.url()).auth().oauth2(admin).post("/api/v1/signing-keys/rotate").then()
                .statusCode(200).extract().path("kid");
        String fresh = given().baseUri(auth.url()).contentType(ContentType.JSON)
                .body(Map.of("tenant", "default", "email", "admin@local", "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
        String header = new String(java.util.Base64.getUrlDecoder().decode(fresh.split("\\.")[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains(newKid), header);
        // An unknown kid makes the verifier refetch the JWKS instead of refusing the token.
        for (ServiceProcess instance : List.of(first, second)) {
            given().baseUri(instance.url()).auth().oauth2(fresh).get("/api/v1/prompts").then().statusCode(200);
        }
        // Tokens signed with the retired key keep working until they expire.
        on(second).get("/api/v1/prompts").then().statusCode(200);
    }

    @Test
    void aRevokedKeyIsRefusedByPromptServiceAtOnce() throws Exception {
        var created = given().baseUri(auth.url()).contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("name", "e2e revoke", "role", "viewer")).post("/api/v1/api-keys").then().statusCode(201).extract();
        String key = created.path("key");
        given().baseUri(second.url()).header("X-API-Key", key).get("/api/v1/prompts").then().statusCode(200);
        given().baseUri(auth.url()).auth().oauth2(admin).delete("/api/v1/api-keys/" + created.path("id")).then().statusCode(204);
        long revoked = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - revoked < 1_000_000_000L) {
            status = given().baseUri(second.url()).header("X-API-Key", key).get("/api/v1/prompts").statusCode();
            if (status == 200) {
                Thread.sleep(20);
            }
        }
        assertEquals(401, status, "the revoked key still worked after a second (its cache lives 5 s)");
    }
}
