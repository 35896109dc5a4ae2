package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every creation answers 201 with a {@code Location} a GET answers (by the same caller), and the created object says
 * when it was made, the same time the GET says.
 */
@QuarkusTest
class LocationTest {

    /** GETs the answer's Location as {@code token} and checks it names the same object, created at the same time. */
    private static void locationAnswers(Response created, String token, String idField) {
        created.then().statusCode(201).header("Location", not(emptyOrNullString()))
                .body("created_at", not(emptyOrNullString()));
        String location = created.header("Location");
        Response read = bearer(token).get(location.replaceFirst("^https?://[^/]+", ""));
        read.then().statusCode(200).body(idField, equalTo(created.path(idField)));
        assertEquals(OffsetDateTime.parse(created.path("created_at")).toInstant(),
                OffsetDateTime.parse(read.path("created_at")).toInstant(), "created_at of " + location);
    }

    @Test
    void aCreatedUserIsWhereLocationSaysAndKnowsWhenItWasCreated() {
        TenantAdmin t = newTenant();
        Response created = bearer(t.token())
                .body(Map.of("email", "new@" + t.slug() + ".test", "password", STRONG_PASSWORD, "role", "viewer"))
                .post("/api/v1/users");
        locationAnswers(created, t.token(), "id");
    }

    @Test
    void aCreatedTenantIsWhereLocationSays() {
        String platform = bootstrapAdminToken();
        String slug = "loc-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = bearer(platform).body(Map.of("slug", slug, "name", "Located", "admin_email",
                "admin@" + slug + ".test", "admin_password", STRONG_PASSWORD)).post("/api/v1/tenants");
        locationAnswers(created, platform, "id");
    }

    @Test
    void aCreatedApiKeyIsWhereLocationSaysWithoutItsSecret() {
        TenantAdmin t = newTenant();
        Response created = bearer(t.token()).body(Map.of("name", "located", "role", "viewer")).post("/api/v1/api-keys");
        created.then().statusCode(201).header("Location", endsWith("/api/v1/api-keys/" + created.path("id")));
        bearer(t.token()).get(created.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(200)
                .body("id", equalTo(created.path("id"))).body("prefix", equalTo(created.path("prefix")))
                .body("$", not(hasKey("key")));
        // Another tenant's key is not found, like every other object.
        bearer(newTenant().token()).get("/api/v1/api-keys/" + created.path("id")).then().statusCode(404)
                .body("code", equalTo("API_KEY_NOT_FOUND"));
    }

    @Test
    void aRegisteredServiceClientIsWhereLocationSaysWithoutItsSecret() {
        String platform = bootstrapAdminToken();
        String clientId = "loc-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = bearer(platform).body(Map.of("client_id", clientId, "name", "Located"))
                .post("/api/v1/service-clients");
        locationAnswers(created, platform, "client_id");
        bearer(platform).get("/api/v1/service-clients/" + clientId).then().body("client_secret", nullValue());
        bearer(platform).get("/api/v1/service-clients/no-such-client").then().statusCode(404)
                .body("code", equalTo("CLIENT_NOT_FOUND"));
    }
}
