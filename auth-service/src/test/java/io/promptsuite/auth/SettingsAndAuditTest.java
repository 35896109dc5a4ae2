package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SettingsAndAuditTest {

    @Test
    void settingsHaveDefaultsAndRoundTrip() {
        TenantAdmin t = newTenant();
        bearer(t.token()).get("/api/v1/users/me/settings").then().statusCode(200)
                .body("theme", equalTo("light")).body("language", equalTo("en"));
        bearer(t.token()).body(Map.of("theme", "dark", "language", "zh-CN", "default_model", "gpt-4o",
                "settings_data", Map.of("editor", Map.of("font_size", 14), "beta", true)))
                .put("/api/v1/users/me/settings").then().statusCode(200);
        bearer(t.token()).body(Map.of("language", "en")).put("/api/v1/users/me/settings").then().statusCode(200);
        bearer(t.token()).get("/api/v1/users/me/settings").then().statusCode(200)
                .body("theme", equalTo("dark")).body("language", equalTo("en"))
                .body("default_model", equalTo("gpt-4o"))
                .body("settings_data.editor.font_size", equalTo(14)).body("settings_data.beta", equalTo(true));
    }

    @Test
    void settingsAreValidatedAndPersonal() {
        TenantAdmin t = newTenant();
        bearer(t.token()).body(Map.of("theme", "<script>")).put("/api/v1/users/me/settings").then().statusCode(400)
                .body("details.fields[0].field", equalTo("theme"));
        bearer(t.token()).body(Map.of("settings_data", Map.of("big", "x".repeat(20_000)))).put("/api/v1/users/me/settings")
                .then().statusCode(400).body("code", equalTo("SETTINGS_TOO_LARGE"));
        bearer(t.token()).body(Map.of("colour", "red")).put("/api/v1/users/me/settings").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD"));
        String key = bearer(t.token()).body(Map.of("name", "k", "role", "viewer")).post("/api/v1/api-keys").then()
                .extract().path("key");
        given().header("X-API-Key", key).get("/api/v1/users/me/settings").then().statusCode(403);
    }

    @Test
    void auditRecordsSecurityEventsWithActorTimeAndSource() {
        TenantAdmin t = newTenant();
        String keyId = bearer(t.token()).body(Map.of("name", "audited", "role", "viewer")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("id");
        bearer(t.token()).delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        login(t.slug(), t.email(), "Wrong-Passw0rd-1").then().statusCode(401);

        bearer(t.token()).get("/api/v1/audit-events").then().statusCode(200)
                .body("items.type", hasItems("TENANT_CREATED", "LOGIN_SUCCEEDED", "LOGIN_FAILED", "API_KEY_CREATED", "API_KEY_REVOKED"))
                .body("items[0].created_at", notNullValue())
                .body("items.find { it.type == 'API_KEY_CREATED' }.actor_id", notNullValue())
                .body("items.find { it.type == 'LOGIN_FAILED' }.source_ip", startsWith("10."));
        bearer(t.token()).queryParam("type", "api_key_revoked").get("/api/v1/audit-events").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].target", equalTo(keyId)).body("total", equalTo(1));
        bearer(t.token()).queryParam("size", 2).queryParam("page", 0).get("/api/v1/audit-events").then()
                .body("items", hasSize(2)).body("total", greaterThan(2));
        bearer(t.token()).queryParam("since", "2999-01-01T00:00:00Z").get("/api/v1/audit-events").then()
                .body("items", empty());
        bearer(t.token()).queryParam("type", "NOPE").get("/api/v1/audit-events").then().statusCode(400);
        bearer(t.token()).queryParam("since", "yesterday").get("/api/v1/audit-events").then().statusCode(400)
                .body("code", equalTo("INVALID_TIME"));
    }

    @Test
    void auditIsForAdminsAndTenantScoped() {
        TenantAdmin a = newTenant();
        TenantAdmin b = newTenant();
        newUser(a, "v@" + a.slug() + ".test", "viewer");
        String viewer = accessToken(a.slug(), "v@" + a.slug() + ".test", STRONG_PASSWORD);
        bearer(viewer).get("/api/v1/audit-events").then().statusCode(403);
        bearer(b.token()).get("/api/v1/audit-events").then().statusCode(200)
                .body("items.actor_email", not(hasItem("v@" + a.slug() + ".test")));
    }
}
