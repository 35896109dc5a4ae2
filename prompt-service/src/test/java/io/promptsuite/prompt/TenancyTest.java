package io.promptsuite.prompt;

import static io.promptsuite.prompt.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenancyTest {

    @Test
    void anotherTenantsPromptIsNotFound() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String name = publishedText(a.editor(), "secret", "Hi {{who}}", WHO_SCHEMA);
        as(b.admin()).get(path(name)).then().statusCode(404).body("code", equalTo("PROMPT_NOT_FOUND"));
        as(b.admin()).body(Map.of("variables", Map.of("who", "x"))).post(path(name) + "/render").then().statusCode(404);
        as(b.admin()).get(path(name) + "/versions").then().statusCode(404);
        as(b.admin()).body(Map.of("version", 1)).put(path(name) + "/labels/production").then().statusCode(404);
        as(b.admin()).delete(path(name)).then().statusCode(404);
        as(b.admin()).get("/api/v1/prompts").then().body("items.name", not(hasItem(name)));
        // Naming the owner doesn't help for a non-public prompt.
        as(b.admin()).body(Map.of("owner", a.slug(), "variables", Map.of("who", "x"))).post(path(name) + "/render").then()
                .statusCode(404);
        // b can have its own prompt of the same name.
        as(b.editor()).body(Map.of("name", name)).post("/api/v1/prompts").then().statusCode(201);
    }

    @Test
    void publicPromptsAreReadableByAnyTenantButNeverWritable() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String name = publishedText(a.editor(), "shared", "Shared {{who}}", WHO_SCHEMA);
        as(a.editor()).body(Map.of("visibility", "public")).patch(path(name)).then().statusCode(200);
        as(b.viewer()).body(Map.of("owner", a.slug(), "variables", Map.of("who", "b"))).post(path(name) + "/render").then()
                .statusCode(200).body("text", equalTo("Shared b"));
        as(b.viewer()).queryParam("owner", a.slug()).get(path(name)).then().statusCode(200).body("tenant", equalTo(a.slug()));
        as(b.viewer()).queryParam("scope", "public").get("/api/v1/prompts").then().body("items.name", hasItem(name));
        // Writes always address the caller's own tenant.
        as(b.admin()).body(Map.of("version", 1)).put(path(name) + "/labels/production").then().statusCode(404);
    }

    @Test
    void apiKeysCarryTheirRole() {
        Tenant t = newTenant();
        String name = publishedText(t.editor(), "keys", "Hi {{who}}", WHO_SCHEMA);
        String viewerKey = apiKey(t.admin(), "viewer");
        withKey(viewerKey).body(Map.of("variables", Map.of("who", "k"))).post(path(name) + "/render").then().statusCode(200)
                .body("text", equalTo("Hi k"));
        withKey(viewerKey).body(Map.of("name", uniqueName("nope"))).post("/api/v1/prompts").then().statusCode(403);
        withKey("psk_not_a_key_at_all").get("/api/v1/prompts").then().statusCode(401).body("code", equalTo("API_KEY_INVALID"));
    }

    @Test
    void forgedTokensAreRefused() {
        as("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get("/api/v1/prompts").then().statusCode(401)
                .body("code", equalTo("TOKEN_INVALID"));
    }
}
