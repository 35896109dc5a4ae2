package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.promptsuite.auth.device.DeviceAuthorization;
import io.promptsuite.auth.device.DeviceAuthorizationRepository;
import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** RFC 8628 end to end: the CLI's requests and a person's clicks on the HTML page, both over HTTP. */
@QuarkusTest
class DeviceFlowTest {

    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    @Inject
    DeviceAuthorizationRepository repository;

    private static JsonPath start() {
        // Each from an address of its own: device authorizations are limited per (client, source).
        return given().header("X-Forwarded-For", randomSource()).formParam("client_id", "pmctl")
                .post("/oauth/device_authorization").then().statusCode(200)
                .header("Cache-Control", "no-store").extract().jsonPath();
    }

    private static Response poll(String deviceCode) {
        return given().formParam("grant_type", GRANT).formParam("device_code", deviceCode).formParam("client_id", "pmctl")
                .post("/oauth/token");
    }

    /** Signs in on the page and answers the consent ticket. */
    private static String signIn(String userCode, TenantAdmin who) {
        String page = given().header("X-Forwarded-For", randomSource())
                .formParam("user_code", userCode).formParam("tenant", who.slug())
                .formParam("email", who.email()).formParam("password", who.password())
                .post("/oauth/device").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("pmctl (Prompt Suite CLI)"))
                .body(containsString(">Approve<")).body(containsString(">Deny<"))
                .extract().asString();
        Matcher ticket = Pattern.compile("name=\"consent\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(ticket.find(), "the consent page carries a ticket");
        return ticket.group(1);
    }

    @Test
    void authorizationAnswersTheRfcFields() {
        JsonPath started = start();
        assertTrue(started.getString("user_code").matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}"),
                started.getString("user_code"));
        assertTrue(started.getString("verification_uri").endsWith("/oauth/device"));
        assertEquals(started.getString("verification_uri") + "?user_code=" + started.getString("user_code"),
                started.getString("verification_uri_complete"));
        assertTrue(started.getInt("expires_in") > 0);
        assertEquals(1, started.getInt("interval"));
        assertTrue(started.getString("device_code").length() >= 40);
    }

    @Test
    void unknownOrConfidentialClientsCannotStart() {
        given().formParam("client_id", "nobody").post("/oauth/device_authorization").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        given().post("/oauth/device_authorization").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic("test-service", "test-service-secret-0123456789")
                .post("/oauth/device_authorization").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void thePageWorksWithoutJavaScriptAndPrefillsTheCode() {
        String page = given().queryParam("user_code", "BCDF-GHJK").get("/oauth/device").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertFalse(page.contains("<script"));
        for (String field : new String[] { "user_code", "tenant", "email", "password" }) {
            assertTrue(page.contains("<label for=\"" + field + "\""), "label for " + field);
            assertTrue(page.contains("id=\"" + field + "\""), "field " + field);
        }
        assertTrue(page.contains("value=\"BCDF-GHJK\""));
        // The page escapes what it echoes.
        String hostile = given().queryParam("user_code", "\"><script>x</script>").get("/oauth/device").then().statusCode(200)
                .extract().asString();
        assertFalse(hostile.contains("<script>x"));
    }

    @Test
    void theFullFlowApprovedGivesTokensOnce() throws Exception {
        TenantAdmin t = newTenant();
        JsonPath started = start();
        String deviceCode = started.getString("device_code");
        poll(deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));

        String ticket = signIn(started.getString("user_code").toLowerCase().replace("-", " "), t);
        given().formParam("consent", ticket).formParam("decision", "approve").post("/oauth/device").then()
                .statusCode(200).body(containsString("Device approved"));
        // The ticket is single use.
        given().formParam("consent", ticket).formParam("decision", "deny").post("/oauth/device").then().statusCode(400);

        Thread.sleep(1100);
        JsonPath tokens = poll(deviceCode).then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).extract().jsonPath();
        bearer(tokens.getString("access_token")).get("/api/v1/auth/me").then().statusCode(200)
                .body("email", equalTo(t.email())).body("tenant", equalTo(t.slug()));
        assertEquals("pmctl", com.nimbusds.jwt.SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet()
                .getStringClaim("client_id"));
        // The refresh token works for the CLI, through the token endpoint.
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", tokens.getString("refresh_token"))
                .formParam("client_id", "pmctl").post("/oauth/token").then().statusCode(200);

        Thread.sleep(1100);
        poll(deviceCode).then().statusCode(400).body("error", equalTo("invalid_grant"));
        bearer(t.token()).queryParam("type", "DEVICE_APPROVED").get("/api/v1/audit-events").then()
                .body("items", hasSize(1));
    }

    @Test
    void denialAnswersAccessDenied() throws Exception {
        TenantAdmin t = newTenant();
        JsonPath started = start();
        String ticket = signIn(started.getString("user_code"), t);
        given().formParam("consent", ticket).formParam("decision", "deny").post("/oauth/device").then()
                .statusCode(200).body(containsString("Device denied"));
        poll(started.getString("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
    }

    @Test
    void pollingTooFastSlowsDownByFiveSeconds() {
        JsonPath started = start();
        String deviceCode = started.getString("device_code");
        poll(deviceCode).then().body("error", equalTo("authorization_pending"));
        poll(deviceCode).then().statusCode(400).body("error", equalTo("slow_down"));
        DeviceAuthorization stored = QuarkusTransaction.requiringNew().call(
                () -> repository.find("userCode", started.getString("user_code").replace("-", "")).firstResult());
        int interval = stored.intervalSeconds;
        assertEquals(6, interval);
    }

    @Test
    void anExpiredCodeAnswersExpiredToken() {
        JsonPath started = start();
        QuarkusTransaction.requiringNew().run(() -> repository.update("expiresAt = ?1 where userCode = ?2",
                java.time.OffsetDateTime.now().minusSeconds(1), started.getString("user_code").replace("-", "")));
        poll(started.getString("device_code")).then().statusCode(400).body("error", equalTo("expired_token"));
        given().formParam("user_code", started.getString("user_code")).formParam("tenant", "default")
                .formParam("email", "admin@local").formParam("password", BOOTSTRAP_PASSWORD).post("/oauth/device").then()
                .statusCode(400).body(containsString("unknown or has expired"));
    }

    @Test
    void wrongPasswordOnThePageShowsTheFormAgain() {
        TenantAdmin t = newTenant();
        JsonPath started = start();
        given().header("X-Forwarded-For", randomSource()).formParam("user_code", started.getString("user_code"))
                .formParam("tenant", t.slug()).formParam("email", t.email()).formParam("password", "Wrong-Passw0rd-1")
                .post("/oauth/device").then().statusCode(401).body(containsString("role=\"alert\""))
                .body(containsString("id=\"password\"")).body(not(containsString("Wrong-Passw0rd-1")));
    }

    @Test
    void unknownDeviceCodeIsInvalidGrant() {
        poll("nope").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }
}
