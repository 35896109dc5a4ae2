package io.promptsuite.testing.auth;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.promptsuite.testing.TestEnvironment;
import io.promptsuite.testing.openapi.PublishedContract;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Identities for tests, made through auth-service's real API: fresh tenants (so tests never see each other's data),
 * users of each role, API keys. {@link #atRealAuthService()} for services that run beside {@link RealAuthService};
 * {@link #atServiceUnderTest()} for auth-service's own tests.
 */
public final class Accounts {

    /** Meets the password policy; every user the harness creates has it. */
    public static final String PASSWORD = "Str0ng-Passw0rd-for-Tests!";

    /** A fresh tenant and its admin. */
    public record TenantAdmin(String slug, String tenantId, String email, String password, String token) {
    }

    /** A fresh tenant with an admin, an editor and a viewer, each as a bearer token. */
    public record Team(String slug, String tenantId, String admin, String editor, String viewer) {
    }

    private final String baseUri;
    /** Checks every answer against the service's published OpenAPI document; null when not asked for. */
    private final Filter contract;

    private Accounts(String baseUri) {
        this(baseUri, null);
    }

    private Accounts(String baseUri, Filter contract) {
        this.baseUri = baseUri;
        this.contract = contract;
    }

    public static Accounts atRealAuthService() {
        return new Accounts(RealAuthService.url());
    }

    /** An auth-service started some other way (the e2e tests start their own). */
    public static Accounts at(String baseUri) {
        return new Accounts(baseUri);
    }

    /** auth-service's own tests: REST Assured's defaults already point at the app under test. */
    public static Accounts atServiceUnderTest() {
        return new Accounts(null);
    }

    /**
     * The same helper, with every answer it receives validated against the document the service publishes at
     * {@code /q/openapi} ({@link PublishedContract}), so the tests that use it also prove the document true.
     */
    public Accounts validated() {
        String target = baseUri != null ? baseUri : RestAssured.baseURI + ":" + RestAssured.port;
        return new Accounts(baseUri, PublishedContract.of(target));
    }

    /**
     * A made-up client address (auth-service trusts the loopback peer to forward it), so failed logins of one test
     * never count against another's source.
     */
    public static String randomSource() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** A JSON request to auth-service from a source address of its own. */
    public RequestSpecification json() {
        RequestSpecification spec = given().contentType(ContentType.JSON).header("X-Forwarded-For", randomSource());
        if (contract != null) {
            spec.filter(contract);
        }
        return baseUri == null ? spec : spec.baseUri(baseUri);
    }

    public RequestSpecification bearer(String token) {
        return json().header("Authorization", "Bearer " + token);
    }

    public Response login(String tenant, String email, String password) {
        return json().body(Map.of("tenant", tenant, "email", email, "password", password)).post("/api/v1/auth/login");
    }

    public Map<String, Object> tokens(String tenant, String email, String password) {
        return login(tenant, email, password).then().statusCode(200).extract().jsonPath().getMap("");
    }

    public String accessToken(String tenant, String email, String password) {
        return login(tenant, email, password).then().statusCode(200).extract().path("access_token");
    }

    /** The bootstrap admin of tenant {@code default}, a platform admin. */
    public String platformAdminToken() {
        return accessToken("default", "admin@local", TestEnvironment.bootstrapPassword());
    }

    public TenantAdmin newTenant() {
        return newTenant("t-");
    }

    /** A fresh tenant whose slug starts with {@code prefix}. */
    public TenantAdmin newTenant(String prefix) {
        String slug = prefix + UUID.randomUUID().toString().substring(0, 8);
        String email = "admin@" + slug + ".test";
        String tenantId = bearer(platformAdminToken())
                .body(Map.of("slug", slug, "name", "Tenant " + slug, "admin_email", email, "admin_password", PASSWORD))
                .post("/api/v1/tenants").then().statusCode(201).extract().path("id");
        return new TenantAdmin(slug, tenantId, email, PASSWORD, accessToken(slug, email, PASSWORD));
    }

    /** A fresh tenant with a user of each role. */
    public Team newTeam() {
        TenantAdmin admin = newTenant("p-");
        for (String role : List.of("editor", "viewer")) {
            newUser(admin.token(), role + "@" + admin.slug() + ".test", role);
        }
        return new Team(admin.slug(), admin.tenantId(), admin.token(),
                accessToken(admin.slug(), "editor@" + admin.slug() + ".test", PASSWORD),
                accessToken(admin.slug(), "viewer@" + admin.slug() + ".test", PASSWORD));
    }

    /** Creates a user with {@link #PASSWORD} in the admin's tenant and answers its id. */
    public String newUser(String adminToken, String email, String role) {
        return bearer(adminToken).body(Map.of("email", email, "password", PASSWORD, "role", role))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
    }

    /** A new API key of the admin's tenant with {@code role}; answers the key itself (shown once). */
    public String apiKey(String adminToken, String role) {
        return bearer(adminToken).body(Map.of("name", "test " + role, "role", role)).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    /**
     * A token of a service client registered just now by the platform admin with {@code scopes} (space separated),
     * through the client-credentials grant: what another service of the suite would hold.
     */
    public String serviceToken(String scopes) {
        String clientId = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = bearer(platformAdminToken())
                .body(Map.of("client_id", clientId, "name", "test client " + clientId, "scopes", List.of(scopes.split(" "))))
                .post("/api/v1/service-clients").then().statusCode(201).extract().path("client_secret");
        RequestSpecification form = given().contentType(ContentType.URLENC);
        if (baseUri != null) {
            form = form.baseUri(baseUri);
        }
        return form.formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret).formParam("scope", scopes)
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }
}
