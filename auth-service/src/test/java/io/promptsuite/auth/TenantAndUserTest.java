package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantAndUserTest {

    @Test
    void platformAdminCreatesTenantsWithTheirFirstAdmin() {
        TenantAdmin t = newTenant();
        bearer(t.token()).get("/api/v1/auth/me").then().body("roles", contains("admin"));
        bearer(bootstrapAdminToken()).get("/api/v1/tenants/" + t.tenantId()).then().statusCode(200)
                .body("slug", equalTo(t.slug()));
    }

    @Test
    void tenantRulesAreEnforced() {
        String platform = bootstrapAdminToken();
        TenantAdmin t = newTenant();
        bearer(platform).body(Map.of("slug", t.slug(), "name", "dup", "admin_email", "a@b.test", "admin_password", STRONG_PASSWORD))
                .post("/api/v1/tenants").then().statusCode(409).body("code", equalTo("TENANT_EXISTS"));
        bearer(platform).body(Map.of("slug", "Bad Slug!", "name", "x", "admin_email", "a@b.test", "admin_password", STRONG_PASSWORD))
                .post("/api/v1/tenants").then().statusCode(400).body("details.fields[0].field", equalTo("slug"));
        bearer(platform).body(Map.of("slug", "weak-pw-tenant", "name", "x", "admin_email", "a@b.test", "admin_password", "short"))
                .post("/api/v1/tenants").then().statusCode(400).body("code", equalTo("WEAK_PASSWORD"))
                .body("details.fields[0].field", equalTo("admin_password"));
        // Nothing half-written: the refused tenant does not exist.
        login("weak-pw-tenant", "a@b.test", "short").then().statusCode(401).body("code", equalTo("UNKNOWN_TENANT"));
        bearer(t.token()).body(Map.of("slug", "x" + t.slug(), "name", "No", "admin_email", "a@b.test", "admin_password", STRONG_PASSWORD))
                .post("/api/v1/tenants").then().statusCode(403);
        bearer(t.token()).get("/api/v1/tenants").then().statusCode(403);
    }

    @Test
    void adminsManageUsersOfTheirOwnTenantOnly() {
        TenantAdmin a = newTenant();
        TenantAdmin b = newTenant();
        String editor = newUser(a, "ed@" + a.slug() + ".test", "editor");
        bearer(a.token()).get("/api/v1/users").then().statusCode(200)
                .body("items.email", containsInAnyOrder(a.email(), "ed@" + a.slug() + ".test"))
                .body("total", equalTo(2)).body("page", equalTo(0)).body("size", equalTo(20));
        bearer(a.token()).get("/api/v1/users/" + editor).then().statusCode(200).body("role", equalTo("editor"));
        bearer(b.token()).get("/api/v1/users/" + editor).then().statusCode(404).body("code", equalTo("USER_NOT_FOUND"));
        bearer(b.token()).body(Map.of("role", "admin")).patch("/api/v1/users/" + editor).then().statusCode(404);
        bearer(b.token()).delete("/api/v1/users/" + editor).then().statusCode(404);
        bearer(b.token()).get("/api/v1/users").then().body("items.email", not(hasItem("ed@" + a.slug() + ".test")));
    }

    @Test
    void userInputIsValidated() {
        TenantAdmin t = newTenant();
        newUser(t, "dup@" + t.slug() + ".test", "viewer");
        bearer(t.token()).body(Map.of("email", "DUP@" + t.slug() + ".test", "password", STRONG_PASSWORD, "role", "viewer"))
                .post("/api/v1/users").then().statusCode(409).body("code", equalTo("EMAIL_TAKEN"));
        bearer(t.token()).body(Map.of("email", "not-an-email", "password", STRONG_PASSWORD, "role", "viewer"))
                .post("/api/v1/users").then().statusCode(400).body("details.fields[0].field", equalTo("email"));
        bearer(t.token()).body(Map.of("email", "r@" + t.slug() + ".test", "password", STRONG_PASSWORD, "role", "owner"))
                .post("/api/v1/users").then().statusCode(400).body("details.fields[0].field", equalTo("role"));
        bearer(t.token()).body(Map.of("email", "w@" + t.slug() + ".test", "password", "password", "role", "viewer"))
                .post("/api/v1/users").then().statusCode(400).body("code", equalTo("WEAK_PASSWORD"));
        bearer(t.token()).queryParam("size", 1000).get("/api/v1/users").then().statusCode(400)
                .body("details.fields[0].field", equalTo("size"));
        bearer(t.token()).get("/api/v1/users/not-a-uuid").then().statusCode(404);
    }

    @Test
    void nonAdminsCannotManageUsers() {
        TenantAdmin t = newTenant();
        newUser(t, "ed@" + t.slug() + ".test", "editor");
        String editor = accessToken(t.slug(), "ed@" + t.slug() + ".test", STRONG_PASSWORD);
        bearer(editor).get("/api/v1/users").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        bearer(editor).body(Map.of("email", "x@" + t.slug() + ".test", "password", STRONG_PASSWORD, "role", "admin"))
                .post("/api/v1/users").then().statusCode(403);
    }

    @Test
    void roleChangeEndsSessionsAndShowsInTheToken() {
        TenantAdmin t = newTenant();
        String email = "promo@" + t.slug() + ".test";
        String id = newUser(t, email, "viewer");
        String refresh = (String) tokens(t.slug(), email, STRONG_PASSWORD).get("refresh_token");
        bearer(t.token()).body(Map.of("role", "editor")).patch("/api/v1/users/" + id).then().statusCode(200)
                .body("role", equalTo("editor"));
        json().body(Map.of("refresh_token", refresh)).post("/api/v1/auth/refresh").then().statusCode(401);
        bearer(accessToken(t.slug(), email, STRONG_PASSWORD)).get("/api/v1/auth/me").then().body("roles", contains("editor"));
        bearer(t.token()).queryParam("type", "USER_ROLE_CHANGED").get("/api/v1/audit-events").then()
                .body("items[0].target", equalTo(id)).body("items[0].details.to", equalTo("editor"));
    }

    @Test
    void disablingEndsSessionsAndLoginSaysDisabled() {
        TenantAdmin t = newTenant();
        String email = "gone@" + t.slug() + ".test";
        String id = newUser(t, email, "viewer");
        String refresh = (String) tokens(t.slug(), email, STRONG_PASSWORD).get("refresh_token");
        bearer(t.token()).body(Map.of("disabled", true)).patch("/api/v1/users/" + id).then().statusCode(200)
                .body("disabled", equalTo(true));
        json().body(Map.of("refresh_token", refresh)).post("/api/v1/auth/refresh").then().statusCode(401);
        login(t.slug(), email, STRONG_PASSWORD).then().statusCode(403).body("code", equalTo("USER_DISABLED"));
        // A wrong password on a disabled account says nothing about it.
        login(t.slug(), email, "Wrong-Passw0rd-9").then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        bearer(t.token()).body(Map.of("disabled", false)).patch("/api/v1/users/" + id).then().statusCode(200);
        login(t.slug(), email, STRONG_PASSWORD).then().statusCode(200);
    }

    @Test
    void roleAndDisableHaveTheirOwnPathsToo() {
        TenantAdmin t = newTenant();
        String email = "alias@" + t.slug() + ".test";
        String id = newUser(t, email, "viewer");
        bearer(t.token()).body(Map.of("role", "admin")).put("/api/v1/users/" + id + "/role").then().statusCode(200)
                .body("role", equalTo("admin"));
        bearer(t.token()).body(Map.of("role", "root")).put("/api/v1/users/" + id + "/role").then().statusCode(400);
        bearer(t.token()).post("/api/v1/users/" + id + "/disable").then().statusCode(200).body("disabled", equalTo(true));
        login(t.slug(), email, STRONG_PASSWORD).then().statusCode(403).body("code", equalTo("USER_DISABLED"));
        bearer(t.token()).post("/api/v1/users/" + id + "/enable").then().statusCode(200).body("disabled", equalTo(false));
        login(t.slug(), email, STRONG_PASSWORD).then().statusCode(200);
    }

    @Test
    void theLastAdminStaysAndUsersCanBeDeleted() {
        TenantAdmin t = newTenant();
        String adminId = bearer(t.token()).get("/api/v1/auth/me").then().extract().path("user_id");
        bearer(t.token()).body(Map.of("disabled", true)).patch("/api/v1/users/" + adminId).then().statusCode(409);
        bearer(t.token()).delete("/api/v1/users/" + adminId).then().statusCode(409);
        String other = newUser(t, "tmp@" + t.slug() + ".test", "viewer");
        bearer(t.token()).delete("/api/v1/users/" + other).then().statusCode(204);
        bearer(t.token()).get("/api/v1/users/" + other).then().statusCode(404);
        login(t.slug(), "tmp@" + t.slug() + ".test", STRONG_PASSWORD).then().statusCode(401);
    }

    @Test
    void changingOnesPasswordEndsOtherSessions() {
        TenantAdmin t = newTenant();
        String email = "pw@" + t.slug() + ".test";
        newUser(t, email, "viewer");
        Map<String, Object> pair = tokens(t.slug(), email, STRONG_PASSWORD);
        String token = (String) pair.get("access_token");
        bearer(token).body(Map.of("current_password", "Wrong-Passw0rd-1", "new_password", "An0ther-Str0ng-Secret!"))
                .put("/api/v1/users/me/password").then().statusCode(400).body("code", equalTo("WRONG_PASSWORD"));
        bearer(token).body(Map.of("current_password", STRONG_PASSWORD, "new_password", "short"))
                .put("/api/v1/users/me/password").then().statusCode(400).body("code", equalTo("WEAK_PASSWORD"));
        bearer(token).body(Map.of("current_password", STRONG_PASSWORD, "new_password", "An0ther-Str0ng-Secret!"))
                .put("/api/v1/users/me/password").then().statusCode(204);
        json().body(Map.of("refresh_token", pair.get("refresh_token"))).post("/api/v1/auth/refresh").then().statusCode(401);
        login(t.slug(), email, STRONG_PASSWORD).then().statusCode(401);
        login(t.slug(), email, "An0ther-Str0ng-Secret!").then().statusCode(200);
    }
}
