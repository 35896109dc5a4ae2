package io.promptsuite.auth;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The HTTP calls tests make again and again, against the running service. */
public final class AuthApi {

    public static final String BOOTSTRAP_PASSWORD = io.promptsuite.testing.TestEnvironment.bootstrapPassword();
    public static final String STRONG_PASSWORD = "Str0ng-Passw0rd-for-Tests!";

    private AuthApi() {
    }

    /** A made-up client address, so failed logins of one test never count against another's source. */
    public static String randomSource() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", randomSource());
    }

    public static Response login(String tenant, String email, String password) {
        return json().body(Map.of("tenant", tenant, "email", email, "password", password)).post("/api/v1/auth/login");
    }

    public static Map<String, Object> tokens(String tenant, String email, String password) {
        return login(tenant, email, password).then().statusCode(200).extract().jsonPath().getMap("");
    }

    public static String accessToken(String tenant, String email, String password) {
        return (String) tokens(tenant, email, password).get("access_token");
    }

    public static String bootstrapAdminToken() {
        return accessToken("default", "admin@local", BOOTSTRAP_PASSWORD);
    }

    public static RequestSpecification bearer(String token) {
        return json().header("Authorization", "Bearer " + token);
    }

    /** A fresh tenant with its admin, so tests never see each other's users. */
    public record TenantAdmin(String slug, String tenantId, String email, String password, String token) {
    }

    public static TenantAdmin newTenant() {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "admin@" + slug + ".test";
        String tenantId = bearer(bootstrapAdminToken())
                .body(Map.of("slug", slug, "name", "Tenant " + slug, "admin_email", email, "admin_password", STRONG_PASSWORD))
                .post("/api/v1/tenants")
                .then().statusCode(201).extract().path("id");
        return new TenantAdmin(slug, tenantId, email, STRONG_PASSWORD, accessToken(slug, email, STRONG_PASSWORD));
    }

    /** Creates a user in the admin's tenant and answers its id. */
    public static String newUser(TenantAdmin admin, String email, String role) {
        return bearer(admin.token())
                .body(Map.of("email", email, "password", STRONG_PASSWORD, "role", role))
                .post("/api/v1/users")
                .then().statusCode(201).extract().path("id");
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
