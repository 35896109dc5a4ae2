package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.promptsuite.testing.hostile.HostileRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The net for what nobody listed: every operation in auth-service's OpenAPI document, sent hostile variations by a
 * tenant admin (who reaches deepest into tenant-scoped endpoints) and by the platform admin (tenants, service
 * clients, signing keys). Any 5xx, or any error outside the envelope, fails.
 */
@QuarkusTest
class HostileInputTest {

    private static final Set<String> PLATFORM_PATHS = Set.of("/api/v1/tenants", "/api/v1/tenants/{id}",
            "/api/v1/service-clients", "/api/v1/service-clients/{client_id}", "/api/v1/signing-keys",
            "/api/v1/signing-keys/rotate");

    @Test
    void noOperationAnswersHostileInputWithAServerErrorOrOutsideTheEnvelope() {
        TenantAdmin mine = newTenant();
        TenantAdmin other = newTenant();
        String victim = newUser(mine, "victim@" + mine.slug() + ".test", "viewer");
        String stranger = newUser(other, "stranger@" + other.slug() + ".test", "editor");

        HostileRequests.Report report = base()
                .headers(() -> Map.of("Authorization", "Bearer " + mine.token(), "X-Forwarded-For", randomSource()))
                .known("id", victim)
                .foreignIds(List.of(other.tenantId(), stranger))
                .skip(operation -> PLATFORM_PATHS.contains(operation.path()))
                .run();
        assertTrue(report.findings().isEmpty(), report.summary());
        assertTrue(report.requests() > 1000, "the net covered too little: " + report.requests() + " requests");
    }

    @Test
    void platformOperationsToo() {
        String platform = bootstrapAdminToken();
        TenantAdmin target = newTenant();
        HostileRequests.Report report = base()
                .headers(() -> Map.of("Authorization", "Bearer " + platform, "X-Forwarded-For", randomSource()))
                .known("id", target.tenantId())
                .skip(operation -> !PLATFORM_PATHS.contains(operation.path()))
                .run();
        assertTrue(report.findings().isEmpty(), report.summary());
    }

    private static HostileRequests base() {
        return HostileRequests.against(RestAssured.baseURI + ":" + RestAssured.port)
                .known("role", "viewer")
                .known("password", STRONG_PASSWORD)
                .known("tenant", "default")
                // RFC 6749 §5.2 gives the OAuth endpoints their own error shape.
                .oauthErrorsOn(path -> path.startsWith("/oauth/"))
                // A full password-hash pool is a deliberate, fast 503.
                .tolerate(Set.of("AUTH_BUSY"));
    }
}
