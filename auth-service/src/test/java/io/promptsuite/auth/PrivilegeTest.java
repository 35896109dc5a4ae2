package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.promptsuite.auth.user.UserRepository;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.common.security.ApiKeyHashes;
import io.promptsuite.common.security.RevocationChannels;
import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Privileges never outlive their grant: keys follow their creator, people (not keys) change power, admins stay. */
@QuarkusTest
class PrivilegeTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    @Inject
    UserRepository users;

    private static String key(String token, String role) {
        return bearer(token).body(Map.of("name", "k-" + role, "role", role)).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    private static io.restassured.response.Response introspect(String key) {
        return given().auth().preemptive().basic("test-service", "test-service-secret-0123456789").formParam("token", key)
                .post("/oauth/introspect");
    }

    private static void awaitHeard(List<String> heard, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (heard.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aKeyNeverCarriesMoreThanItsCreatorNowHas() throws Exception {
        TenantAdmin t = newTenant();
        String creatorEmail = "creator@" + t.slug() + ".test";
        String creatorId = newUser(t, creatorEmail, "admin");
        String adminKey = key(accessToken(t.slug(), creatorEmail, STRONG_PASSWORD), "admin");
        given().header("X-API-Key", adminKey).get("/api/v1/users").then().statusCode(200);

        List<String> keysHeard = new CopyOnWriteArrayList<>();
        List<String> usersHeard = new CopyOnWriteArrayList<>();
        var keySub = redis.pubsub(String.class).subscribe(redisKeys.key("auth", RevocationChannels.API_KEYS), keysHeard::add);
        var userSub = redis.pubsub(String.class).subscribe(redisKeys.key("auth", RevocationChannels.USERS), usersHeard::add);
        try {
            // Demoting the creator lowers the key at once, here and for every service that introspects.
            bearer(t.token()).body(Map.of("role", "viewer")).put("/api/v1/users/" + creatorId + "/role").then().statusCode(200);
            given().header("X-API-Key", adminKey).get("/api/v1/users").then().statusCode(403);
            given().header("X-API-Key", adminKey).get("/api/v1/auth/me").then().statusCode(200).body("roles", contains("viewer"));
            introspect(adminKey).then().statusCode(200).body("active", equalTo(true)).body("groups", contains("viewer"));
            awaitHeard(keysHeard, 1);
            awaitHeard(usersHeard, 1);
            assertTrue(keysHeard.contains(ApiKeyHashes.sha256(adminKey)), "the key's hash is announced: " + keysHeard);
            assertTrue(usersHeard.contains(creatorId), "the user is announced: " + usersHeard);

            // Disabling the creator kills the key.
            bearer(t.token()).post("/api/v1/users/" + creatorId + "/disable").then().statusCode(200);
            given().header("X-API-Key", adminKey).get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("API_KEY_INVALID"));
            introspect(adminKey).then().statusCode(200).body("active", equalTo(false));
            awaitHeard(keysHeard, 2);
            awaitHeard(usersHeard, 2);
            assertEquals(2, usersHeard.stream().filter(creatorId::equals).count(), "disabling is announced too");
        } finally {
            keySub.unsubscribe();
            userSub.unsubscribe();
        }

        // Deleting a creator kills theirs as well.
        String otherEmail = "other@" + t.slug() + ".test";
        String otherId = newUser(t, otherEmail, "admin");
        String editorKey = key(accessToken(t.slug(), otherEmail, STRONG_PASSWORD), "editor");
        given().header("X-API-Key", editorKey).get("/api/v1/auth/me").then().statusCode(200);
        bearer(t.token()).delete("/api/v1/users/" + otherId).then().statusCode(204);
        given().header("X-API-Key", editorKey).get("/api/v1/auth/me").then().statusCode(401);
        introspect(editorKey).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void powerChangesNeedAPersonNotAKey() {
        TenantAdmin t = newTenant();
        String adminKey = key(t.token(), "admin");
        String viewerId = newUser(t, "v@" + t.slug() + ".test", "viewer");
        given().header("X-API-Key", adminKey).contentType("application/json").body(Map.of("name", "more", "role", "viewer"))
                .post("/api/v1/api-keys").then().statusCode(403).body("code", equalTo("INTERACTIVE_SESSION_REQUIRED"));
        given().header("X-API-Key", adminKey).contentType("application/json").body(Map.of("role", "admin"))
                .put("/api/v1/users/" + viewerId + "/role").then().statusCode(403).body("code", equalTo("INTERACTIVE_SESSION_REQUIRED"));
        given().header("X-API-Key", adminKey).contentType("application/json")
                .body(Map.of("email", "new@" + t.slug() + ".test", "password", STRONG_PASSWORD, "role", "admin"))
                .post("/api/v1/users").then().statusCode(403).body("code", equalTo("INTERACTIVE_SESSION_REQUIRED"));
        given().header("X-API-Key", adminKey).contentType("application/json").post("/api/v1/users/" + viewerId + "/disable").then().statusCode(403)
                .body("code", equalTo("INTERACTIVE_SESSION_REQUIRED"));
        bearer(t.token()).get("/api/v1/users/" + viewerId).then().body("role", equalTo("viewer")).body("disabled", equalTo(false));
        // Reading and revoking keys stay open to keys.
        String spare = bearer(t.token()).body(Map.of("name", "spare", "role", "viewer")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("id");
        given().header("X-API-Key", adminKey).delete("/api/v1/api-keys/" + spare).then().statusCode(204);
    }

    @Test
    void platformAdminsAreProtectedGrantedAndNeverAllGone() {
        String platform = bootstrapAdminToken();
        String bootstrapId = bearer(platform).get("/api/v1/auth/me").then().statusCode(200).extract().path("user_id");
        // A plain admin of the bootstrap tenant can't touch the platform admin.
        String email = "tenant-admin-" + UUID.randomUUID().toString().substring(0, 6) + "@local";
        TenantAdmin bootstrapTenant = new TenantAdmin("default", null, "admin@local", BOOTSTRAP_PASSWORD, platform);
        newUser(bootstrapTenant, email, "admin");
        String tenantAdmin = accessToken("default", email, STRONG_PASSWORD);
        bearer(tenantAdmin).post("/api/v1/users/" + bootstrapId + "/disable").then().statusCode(403)
                .body("code", equalTo("PLATFORM_ADMIN_PROTECTED"));
        bearer(tenantAdmin).body(Map.of("role", "viewer")).put("/api/v1/users/" + bootstrapId + "/role").then().statusCode(403)
                .body("code", equalTo("PLATFORM_ADMIN_PROTECTED"));
        bearer(tenantAdmin).delete("/api/v1/users/" + bootstrapId).then().statusCode(403)
                .body("code", equalTo("PLATFORM_ADMIN_PROTECTED"));
        bearer(tenantAdmin).put("/api/v1/users/" + bootstrapId + "/platform-admin").then().statusCode(403);
        bearer(platform).get("/api/v1/auth/me").then().statusCode(200);

        // A platform admin grants the role to a user of another tenant, and revokes it.
        TenantAdmin other = newTenant();
        String otherId = bearer(other.token()).get("/api/v1/auth/me").then().extract().path("user_id");
        bearer(platform).put("/api/v1/users/" + otherId + "/platform-admin").then().statusCode(200)
                .body("roles", hasItem("platform-admin"));
        String promoted = accessToken(other.slug(), other.email(), other.password());
        bearer(promoted).get("/api/v1/tenants").then().statusCode(200);
        bearer(platform).get("/api/v1/audit-events/platform").then().statusCode(200)
                .body("items.find { it.type == 'PLATFORM_ADMIN_GRANTED' && it.target == '" + otherId + "' }", notNullValue());
        bearer(platform).delete("/api/v1/users/" + otherId + "/platform-admin").then().statusCode(200)
                .body("roles", not(hasItem("platform-admin")));
        bearer(accessToken(other.slug(), other.email(), other.password())).get("/api/v1/tenants").then().statusCode(403);

        // The last platform admin can neither lose the role nor be disabled.
        long platformAdmins = QuarkusTransaction.requiringNew().call(() -> users.count("platformAdmin = true and disabled = false"));
        if (platformAdmins == 1) {
            bearer(platform).delete("/api/v1/users/" + bootstrapId + "/platform-admin").then().statusCode(409)
                    .body("code", equalTo("LAST_PLATFORM_ADMIN"));
        }
        bearer(platform).get("/api/v1/auth/me").then().statusCode(200).body("roles", hasItem("platform-admin"));
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                TenantAdmin t = newTenant();
                String aId = bearer(t.token()).get("/api/v1/auth/me").then().extract().path("user_id");
                String bEmail = "b@" + t.slug() + ".test";
                String bId = newUser(t, bEmail, "admin");
                String bToken = accessToken(t.slug(), bEmail, STRONG_PASSWORD);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Integer>> calls = new ArrayList<>();
                calls.add(pool.submit(() -> {
                    start.await();
                    return bearer(t.token()).body(Map.of("role", "viewer")).put("/api/v1/users/" + bId + "/role").statusCode();
                }));
                calls.add(pool.submit(() -> {
                    start.await();
                    return bearer(bToken).body(Map.of("role", "viewer")).put("/api/v1/users/" + aId + "/role").statusCode();
                }));
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> call : calls) {
                    statuses.add(call.get());
                }
                assertTrue(statuses.contains(200) && statuses.contains(409), "one wins, one hears LAST_ADMIN: " + statuses);
                UUID tenantId = UUID.fromString(t.tenantId());
                assertEquals(1, QuarkusTransaction.requiringNew().call(() -> users.countAdmins(tenantId)));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
