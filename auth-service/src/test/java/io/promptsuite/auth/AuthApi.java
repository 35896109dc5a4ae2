package io.promptsuite.auth;

import java.util.Map;

import io.promptsuite.testing.TestEnvironment;
import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.promptsuite.testing.openapi.PublishedContract;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The HTTP calls auth-service's tests make again and again, against the running service: the shared
 * {@link Accounts} harness, with every answer validated against the service's published OpenAPI document, plus the
 * few calls only auth-service's own tests make (refresh, the CLI's device flow).
 */
public final class AuthApi {

    public static final String BOOTSTRAP_PASSWORD = TestEnvironment.bootstrapPassword();
    public static final String STRONG_PASSWORD = Accounts.PASSWORD;

    private AuthApi() {
    }

    /**
     * Built per call: each {@code @QuarkusTest} profile restarts the app on a new random port, and the contract is
     * loaded (and cached) per address.
     */
    public static Accounts accounts() {
        return Accounts.atServiceUnderTest().validated();
    }

    /** A request whose answer must match the published document; tests use it instead of RestAssured's. */
    public static RequestSpecification given() {
        return RestAssured.given().filter(PublishedContract.ofServiceUnderTest());
    }

    public static String randomSource() {
        return Accounts.randomSource();
    }

    public static RequestSpecification json() {
        return accounts().json();
    }

    public static RequestSpecification bearer(String token) {
        return accounts().bearer(token);
    }

    public static Response login(String tenant, String email, String password) {
        return accounts().login(tenant, email, password);
    }

    public static Map<String, Object> tokens(String tenant, String email, String password) {
        return accounts().tokens(tenant, email, password);
    }

    public static String accessToken(String tenant, String email, String password) {
        return accounts().accessToken(tenant, email, password);
    }

    public static String bootstrapAdminToken() {
        return accounts().platformAdminToken();
    }

    /** A fresh tenant with its admin, so tests never see each other's users. */
    public static TenantAdmin newTenant() {
        return accounts().newTenant();
    }

    /** Creates a user in the admin's tenant and answers its id. */
    public static String newUser(TenantAdmin admin, String email, String role) {
        return accounts().newUser(admin.token(), email, role);
    }

    public static String refresh(String refreshToken, int expectedStatus) {
        return json().body(Map.of("refresh_token", refreshToken)).post("/api/v1/auth/refresh")
                .then().statusCode(expectedStatus).extract().path("refresh_token");
    }

    /**
     * Signs {@code who} in through the CLI's device flow (start, sign in on the page, approve, poll once) and answers
     * the tokens handed to client {@code pmctl}.
     */
    public static Map<String, Object> cliTokens(TenantAdmin who) {
        var started = given().header("X-Forwarded-For", randomSource()).formParam("client_id", "pmctl")
                .post("/oauth/device_authorization").then().statusCode(200).extract().jsonPath();
        String page = given().header("X-Forwarded-For", randomSource())
                .formParam("user_code", started.getString("user_code")).formParam("tenant", who.slug())
                .formParam("email", who.email()).formParam("password", who.password())
                .post("/oauth/device").then().statusCode(200).extract().asString();
        java.util.regex.Matcher ticket = java.util.regex.Pattern.compile("name=\"consent\" value=\"([^\"]+)\"").matcher(page);
        if (!ticket.find()) {
            throw new AssertionError("the consent page carries no ticket");
        }
        given().formParam("consent", ticket.group(1)).formParam("decision", "approve").post("/oauth/device").then()
                .statusCode(200);
        return given().formParam("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                .formParam("device_code", started.getString("device_code")).formParam("client_id", "pmctl")
                .post("/oauth/token").then().statusCode(200).extract().jsonPath().getMap("");
    }
}
