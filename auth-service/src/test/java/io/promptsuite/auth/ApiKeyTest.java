package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.promptsuite.auth.apikey.ApiKeyRepository;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.common.security.ApiKeyHashes;
import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

@QuarkusTest
class ApiKeyTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    @Inject
    ApiKeyRepository keys;

    private static JsonPath create(TenantAdmin t, String role) {
        return bearer(t.token()).body(Map.of("name", "ci " + role, "role", role)).post("/api/v1/api-keys")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aKeyIsShownOnceAndAuthenticatesAsItsTenantAndRole() {
        TenantAdmin t = newTenant();
        JsonPath created = create(t, "viewer");
        String key = created.getString("key");
        assertTrue(key.startsWith(created.getString("prefix") + "_"), key);
        given().header("X-API-Key", key).get("/api/v1/auth/me").then().statusCode(200)
                .body("tenant", equalTo(t.slug())).body("roles", contains("viewer"))
                .body("api_key_id", equalTo(created.getString("id")));
        String list = bearer(t.token()).get("/api/v1/api-keys").then().statusCode(200)
                .body("items.prefix", hasItem(created.getString("prefix")))
                .body("items[0].last_used_at", notNullValue())
                .extract().asString();
        assertFalse(list.contains(key), "the list never shows the key");
        String stored = QuarkusTransaction.requiringNew().call(() -> keys.findById(java.util.UUID.fromString(created.getString("id"))).keyHash);
        assertEquals(ApiKeyHashes.sha256(key), stored, "only the hash is stored");
    }

    @Test
    void aKeyCarriesItsRoleNotItsCreators() {
        TenantAdmin t = newTenant();
        String viewerKey = create(t, "viewer").getString("key");
        given().header("X-API-Key", viewerKey).contentType("application/json")
                .body(Map.of("email", "x@" + t.slug() + ".test", "password", STRONG_PASSWORD, "role", "viewer"))
                .post("/api/v1/users").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        String adminKey = create(t, "admin").getString("key");
        given().header("X-API-Key", adminKey).get("/api/v1/users").then().statusCode(200);
    }

    @Test
    void revocationTakesEffectAtOnceAndIsAnnounced() throws Exception {
        TenantAdmin t = newTenant();
        JsonPath created = create(t, "editor");
        String key = created.getString("key");
        given().header("X-API-Key", key).get("/api/v1/auth/me").then().statusCode(200);

        List<String> heard = new CopyOnWriteArrayList<>();
        var subscriber = redis.pubsub(String.class).subscribe(redisKeys.key("auth", ApiKeyHashes.REVOCATION_CHANNEL), heard::add);
        try {
            bearer(t.token()).delete("/api/v1/api-keys/" + created.getString("id")).then().statusCode(204);
            given().header("X-API-Key", key).get("/api/v1/auth/me").then().statusCode(401)
                    .body("code", equalTo("API_KEY_INVALID"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (heard.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(ApiKeyHashes.sha256(key)), heard);
        } finally {
            subscriber.unsubscribe();
        }
        bearer(t.token()).queryParam("include_revoked", true).get("/api/v1/api-keys").then()
                .body("items.find { it.id == '" + created.getString("id") + "' }.revoked_at", notNullValue());
        bearer(t.token()).get("/api/v1/api-keys").then().body("items.id", not(hasItem(created.getString("id"))));
    }

    @Test
    void expiredKeysAndBadInputAreRefused() {
        TenantAdmin t = newTenant();
        bearer(t.token()).body(Map.of("name", "old", "role", "viewer", "expires_at", OffsetDateTime.now().minusDays(1).toString()))
                .post("/api/v1/api-keys").then().statusCode(400).body("details.fields[0].field", equalTo("expires_at"));
        bearer(t.token()).body(Map.of("name", "bad", "role", "owner")).post("/api/v1/api-keys").then().statusCode(400)
                .body("details.fields[0].field", equalTo("role"));
        bearer(t.token()).body(Map.of("role", "viewer")).post("/api/v1/api-keys").then().statusCode(400)
                .body("details.fields.field", hasItem("name"));
        JsonPath soon = bearer(t.token()).body(Map.of("name", "soon", "role", "viewer", "expires_at",
                OffsetDateTime.now().plusHours(1).toString())).post("/api/v1/api-keys").then().statusCode(201).extract().jsonPath();
        QuarkusTransaction.requiringNew().run(() -> keys.update("expiresAt = ?1 where id = ?2",
                OffsetDateTime.now().minusSeconds(1), java.util.UUID.fromString(soon.getString("id"))));
        given().header("X-API-Key", soon.getString("key")).get("/api/v1/auth/me").then().statusCode(401);
        given().header("X-API-Key", "psk_forged_key").get("/api/v1/auth/me").then().statusCode(401)
                .body("code", equalTo("API_KEY_INVALID"));
    }

    @Test
    void anotherTenantsKeyCannotBeRevoked() {
        TenantAdmin a = newTenant();
        TenantAdmin b = newTenant();
        String id = create(a, "viewer").getString("id");
        bearer(b.token()).delete("/api/v1/api-keys/" + id).then().statusCode(404).body("code", equalTo("API_KEY_NOT_FOUND"));
        bearer(a.token()).get("/api/v1/api-keys").then().body("items.id", hasItem(id));
    }

    @Test
    void introspectionDescribesApiKeysForServices() {
        TenantAdmin t = newTenant();
        String key = create(t, "editor").getString("key");
        given().auth().preemptive().basic("test-service", "test-service-secret-0123456789").formParam("token", key)
                .post("/oauth/introspect").then().statusCode(200).body("active", equalTo(true))
                .body("token_type", equalTo("api_key")).body("tenant", equalTo(t.slug())).body("groups", contains("editor"));
    }
}
