package io.promptsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.testing.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * prompt-service trusting a real Keycloak instead of auth-service, configured only through the environment as
 * docs/auth.md says. The realm (src/test/resources/keycloak/suite-realm.json) puts each user's tenant id and slug in
 * the access token from attributes of the user's group, the realm roles under {@code realm_access.roles}, and the
 * audience {@code prompt-suite}; its access tokens carry Keycloak's stock {@code typ: JWT} header and
 * {@code typ: Bearer} claim.
 */
class KeycloakIssuerTest {

    static final String ACME = "5b0f3c1e-8d4a-4c57-9f5e-0a1c2b3d4e5f";
    static final String GLOBEX = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4";
    static final ObjectMapper JSON = new ObjectMapper();

    static KeycloakServer keycloak;
    static ServiceProcess prompts;

    @BeforeAll
    static void start() {
        var home = KeycloakServer.home();
        Assumptions.assumeTrue(home.isPresent(),
                "Keycloak is not unpacked in e2e/target (the build ran with -Dkeycloak.skip=true, or outside Maven)");
        keycloak = KeycloakServer.start(home.get(), "/keycloak/suite-realm.json", "suite");
        System.out.printf("Keycloak %s ready in %.1f s at %s%n", System.getProperty("keycloak.version", ""),
                keycloak.startedIn().toMillis() / 1000.0, keycloak.issuer());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SUITE_ISSUER", keycloak.issuer());
        env.put("SUITE_AUTH_JWKS_URL", keycloak.jwksUrl());
        env.put("SUITE_AUTH_AUDIENCE", "prompt-suite");
        env.put("SUITE_AUTH_ACCEPTED_TYP", "JWT");
        env.put("SUITE_AUTH_ACCEPTED_PAYLOAD_TYP", "Bearer");
        env.put("SUITE_AUTH_CLAIMS_TENANT_ID", "tenant_id");
        env.put("SUITE_AUTH_CLAIMS_TENANT_SLUG", "tenant_slug");
        env.put("SUITE_AUTH_CLAIMS_ROLES", "realm_access.roles");
        env.put("SUITE_AUTH_CLAIMS_CLIENT_ID", "azp");
        // A token that expires during the test is refused within a second of its exp, not 30 s later.
        env.put("SUITE_AUTH_CLOCK_SKEW", "PT1S");
        // API keys still go to auth-service, which this test doesn't run: point that link at a port nobody serves.
        env.put("SUITE_AUTH_URL", "http://127.0.0.1:" + ServiceProcess.freePort());
        prompts = ServiceProcess.start("prompt-service", ServiceProcess.freePort(), env);
    }

    @AfterAll
    static void stop() {
        if (prompts != null) {
            prompts.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** The token response of a password grant at one of the realm's clients. */
    static Map<String, Object> signIn(String client, String user, String scope) {
        var request = given().formParam("grant_type", "password").formParam("client_id", client)
                .formParam("client_secret", secretOf(client)).formParam("username", user)
                .formParam("password", "Kc-" + user + "-Passw0rd!");
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.post(keycloak.tokenUrl()).then().statusCode(200).extract().as(new TypeReference<Map<String, Object>>() {
        }.getType());
    }

    static String accessToken(String client, String user) {
        return (String) signIn(client, user, null).get("access_token");
    }

    static String serviceToken(String client) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", client)
                .formParam("client_secret", secretOf(client)).post(keycloak.tokenUrl()).then().statusCode(200)
                .extract().path("access_token");
    }

    static String secretOf(String client) {
        return switch (client) {
            case "prompt-suite" -> "e2e-suite-secret-0123456789";
            case "prompt-suite-brief" -> "e2e-brief-secret-0123456789";
            case "other-app" -> "e2e-other-secret-0123456789";
            case "batch-job" -> "e2e-batch-secret-0123456789";
            default -> throw new IllegalArgumentException(client);
        };
    }

    static Map<String, Object> payload(String jwt) throws Exception {
        byte[] json = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    static String encode(Object json) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
    }

    static io.restassured.specification.RequestSpecification as(String token) {
        return given().baseUri(prompts.url()).contentType(ContentType.JSON).auth().oauth2(token);
    }

    static ValidatableResponse createPrompt(String token, String name) {
        return as(token).body(Map.of("name", name)).post("/api/v1/prompts").then();
    }

    static String newName() {
        return "kc/p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A refusal in the suite's one error envelope, never a bare status or a 500 from deep inside. */
    static void assertRefused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType(ContentType.JSON).body("code", equalTo(code))
                .body("message", not(emptyOrNullString()));
    }

    @Test
    void aKeycloakUserCreatesAndReadsAPromptInTheTenantItsTokenNames() throws Exception {
        String alice = accessToken("prompt-suite", "alice");
        assertEquals(ACME, payload(alice).get("tenant_id"), "the realm's mapper puts the group's tenant in the token");
        String name = newName();
        createPrompt(alice, name).statusCode(201).body("name", equalTo(name)).body("tenant", equalTo("acme"))
                .body("created_by", equalTo(payload(alice).get("sub")));
        as(alice).get("/api/v1/prompts/" + name).then().statusCode(200).body("name", equalTo(name))
                .body("tenant", equalTo("acme"));
        as(alice).queryParam("prefix", name).get("/api/v1/prompts").then().statusCode(200)
                .body("items.name", contains(name));

        // Another tenant of the same realm sees nothing of it.
        String gina = accessToken("prompt-suite", "gina");
        assertEquals(GLOBEX, payload(gina).get("tenant_id"));
        as(gina).get("/api/v1/prompts/" + name).then().statusCode(404);
        as(gina).queryParam("prefix", name).get("/api/v1/prompts").then().statusCode(200).body("items", empty());
    }

    @Test
    void aTenantSlugBelongsToOneTenantWhateverAnIssuerClaims() throws Exception {
        // acme's slug is bound to acme's tenant id by its first prompt...
        createPrompt(accessToken("prompt-suite", "alice"), newName()).statusCode(201);
        // ...so a token that pairs another tenant id with that slug can't publish prompts under acme's name.
        String mallory = accessToken("prompt-suite", "mallory");
        assertEquals("acme", payload(mallory).get("tenant_slug"));
        assertRefused(createPrompt(mallory, newName()), 403, "TENANT_SLUG_TAKEN");
    }

    @Test
    void realmRolesMapToTheSuitesRoles() {
        String victor = accessToken("prompt-suite", "victor");
        as(victor).get("/api/v1/prompts").then().statusCode(200);
        assertRefused(createPrompt(victor, newName()), 403, "FORBIDDEN");
        // gina is admin in her realm: admin includes editor.
        createPrompt(accessToken("prompt-suite", "gina"), newName()).statusCode(201).body("tenant", equalTo("globex"));
    }

    @Test
    void aTokenWithATenantIdButNoSlugIsRefusedAtTheDoor() {
        // hank's group has a tenant id and no slug: before the mapping was checked this was a 500 on insert.
        ValidatableResponse response = createPrompt(accessToken("prompt-suite", "hank"), newName());
        assertRefused(response, 401, "TOKEN_CLAIM_MISSING");
        response.body("message", containsString("tenant_slug")).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void callersWithoutATenantAreForbiddenTenantEndpoints() {
        // nora is in no group: her token has her editor role and no tenant.
        assertRefused(createPrompt(accessToken("prompt-suite", "nora"), newName()), 403, "FORBIDDEN");
        // A client-credentials token of a service account with a role and no tenant.
        String batch = serviceToken("batch-job");
        assertRefused(createPrompt(batch, newName()), 403, "FORBIDDEN");
        assertRefused(as(batch).get("/api/v1/prompts").then(), 403, "FORBIDDEN");
    }

    @Test
    void aTokenIssuedForAnotherAudienceIsRefused() throws Exception {
        String other = accessToken("other-app", "alice");
        assertEquals("other-api", payload(other).get("aud"));
        assertRefused(as(other).get("/api/v1/prompts").then(), 401, "TOKEN_INVALID");
    }

    @Test
    void anIdTokenIsNoAccessTokenEvenForTheRightAudience() throws Exception {
        String idToken = (String) signIn("prompt-suite", "alice", "openid").get("id_token");
        // Same issuer, same key, same header typ, and aud is the client id prompt-suite: only typ ID tells it apart.
        assertEquals("prompt-suite", payload(idToken).get("aud"));
        assertEquals("ID", payload(idToken).get("typ"));
        assertRefused(as(idToken).get("/api/v1/prompts").then(), 401, "TOKEN_INVALID");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() throws Exception {
        String brief = accessToken("prompt-suite-brief", "alice");
        as(brief).get("/api/v1/prompts").then().statusCode(200);
        long expiresAt = ((Number) payload(brief).get("exp")).longValue() * 1000;
        // Past exp and the one second of skew this prompt-service allows.
        Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis()) + 2500);
        assertRefused(as(brief).get("/api/v1/prompts").then(), 401, "TOKEN_EXPIRED");
    }

    @Test
    void aTamperedOrForgedTokenIsRefused() throws Exception {
        String alice = accessToken("prompt-suite", "alice");
        String[] parts = alice.split("\\.");

        // Keycloak's signature over a payload moved to another tenant.
        Map<String, Object> moved = payload(alice);
        moved.put("tenant_id", GLOBEX);
        moved.put("tenant_slug", "globex");
        assertRefused(as(parts[0] + "." + encode(moved) + "." + parts[2]).get("/api/v1/prompts").then(), 401, "TOKEN_INVALID");

        // The same header, kid included, signed with a key that is not Keycloak's.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair forger = generator.generateKeyPair();
        String signingInput = parts[0] + "." + parts[1];
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(forger.getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String forged = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        assertRefused(as(forged).get("/api/v1/prompts").then(), 401, "TOKEN_INVALID");

        // And no signature at all.
        Map<String, Object> none = new LinkedHashMap<>(Map.of("alg", "none", "typ", "JWT"));
        assertRefused(as(encode(none) + "." + parts[1] + ".").get("/api/v1/prompts").then(), 401, "TOKEN_INVALID");

        // The genuine token still works: the refusals were about the changes, not the caller.
        as(alice).get("/api/v1/prompts").then().statusCode(200);
    }
}
