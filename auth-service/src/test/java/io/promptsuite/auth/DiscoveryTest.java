package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;

/** The server's metadata at both well-known addresses says what the server does, and nothing else. */
@QuarkusTest
class DiscoveryTest {

    private static Map<String, Object> metadata(String path) {
        return given().get(path).then().statusCode(200).contentType(containsString("application/json"))
                .header("Cache-Control", containsString("max-age=300")).extract().jsonPath().getMap("");
    }

    private static String pathOf(Object url) {
        return URI.create((String) url).getPath();
    }

    @Test
    void rfc8414AndOpenIdConnectAnswerTheSameDocument() {
        assertEquals(metadata("/.well-known/oauth-authorization-server"), metadata("/.well-known/openid-configuration"));
    }

    @Test
    void theIssuerIsByteEqualToTheTokensIss() throws Exception {
        String iss = SignedJWT.parse(bootstrapAdminToken()).getJWTClaimsSet().getIssuer();
        assertEquals(iss, metadata("/.well-known/oauth-authorization-server").get("issuer"));
        for (String endpoint : List.of("token_endpoint", "jwks_uri", "device_authorization_endpoint", "revocation_endpoint",
                "introspection_endpoint")) {
            assertTrue(((String) metadata("/.well-known/oauth-authorization-server").get(endpoint)).startsWith(iss + "/"),
                    endpoint);
        }
    }

    @Test
    void itAdvertisesNoAuthorizationEndpointAndNoIdTokens() {
        Map<String, Object> doc = metadata("/.well-known/openid-configuration");
        for (String absent : List.of("authorization_endpoint", "response_types_supported", "response_modes_supported",
                "code_challenge_methods_supported", "id_token_signing_alg_values_supported", "subject_types_supported",
                "userinfo_endpoint", "claims_supported", "scopes_supported")) {
            assertFalse(doc.containsKey(absent), absent + " is advertised: " + doc.get(absent));
        }
    }

    @Test
    void grantTypesAndClientAuthenticationAreExactlyWhatIsAccepted() {
        Map<String, Object> doc = metadata("/.well-known/oauth-authorization-server");
        // The password grant is off here (the default), so it is neither advertised nor accepted.
        assertEquals(List.of("client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"),
                doc.get("grant_types_supported"));
        // pmctl is a public client: "none" is how it authenticates at the token and revocation endpoints.
        assertEquals(List.of("client_secret_basic", "client_secret_post", "none"), doc.get("token_endpoint_auth_methods_supported"));
        assertEquals(List.of("client_secret_basic", "client_secret_post", "none"),
                doc.get("revocation_endpoint_auth_methods_supported"));
        assertEquals(List.of("client_secret_basic", "client_secret_post"), doc.get("introspection_endpoint_auth_methods_supported"));
    }

    @Test
    void everyAdvertisedEndpointExists() {
        Map<String, Object> doc = metadata("/.well-known/oauth-authorization-server");
        given().get(pathOf(doc.get("jwks_uri"))).then().statusCode(200).body("keys", not(empty()));
        given().post(pathOf(doc.get("token_endpoint"))).then().statusCode(400).body("error", equalTo("invalid_request"));
        given().post(pathOf(doc.get("revocation_endpoint"))).then().statusCode(401).body("error", equalTo("invalid_client"));
        given().post(pathOf(doc.get("introspection_endpoint"))).then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("client_id", "pmctl").header("X-Forwarded-For", randomSource())
                .post(pathOf(doc.get("device_authorization_endpoint"))).then().statusCode(200)
                .body("device_code", notNullValue());
    }

    @Test
    void eachAdvertisedGrantIsServedAndUnadvertisedOnesAreNot() {
        given().auth().preemptive().basic("test-service", "test-service-secret-0123456789")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200);
        given().formParam("grant_type", "password").formParam("client_id", "pmctl").post("/oauth/token").then()
                .statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().formParam("grant_type", "authorization_code").formParam("client_id", "pmctl").post("/oauth/token").then()
                .statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }
}
