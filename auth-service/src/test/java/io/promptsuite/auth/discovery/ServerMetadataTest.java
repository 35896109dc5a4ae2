package io.promptsuite.auth.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.auth.client.GrantTypes;

class ServerMetadataTest {

    private static final String ISSUER = "https://auth.example";

    @Test
    void endpointsHangOffTheIssuerByteForByte() {
        Map<String, Object> doc = ServerMetadata.of(ISSUER, List.of(GrantTypes.DEVICE_CODE), true);
        assertEquals(ISSUER, doc.get("issuer"));
        assertEquals(ISSUER + "/oauth/token", doc.get("token_endpoint"));
        assertEquals(ISSUER + "/.well-known/jwks.json", doc.get("jwks_uri"));
        assertEquals(ISSUER + "/oauth/device_authorization", doc.get("device_authorization_endpoint"));
        assertEquals(ISSUER + "/oauth/revoke", doc.get("revocation_endpoint"));
        assertEquals(ISSUER + "/oauth/introspect", doc.get("introspection_endpoint"));
    }

    @Test
    void nothingOfAnAuthorizationEndpointOrIdTokens() {
        Map<String, Object> doc = ServerMetadata.of(ISSUER, List.of(GrantTypes.CLIENT_CREDENTIALS, GrantTypes.DEVICE_CODE), true);
        for (String absent : List.of("authorization_endpoint", "response_types_supported", "response_modes_supported",
                "code_challenge_methods_supported", "id_token_signing_alg_values_supported", "subject_types_supported",
                "userinfo_endpoint", "claims_supported")) {
            assertFalse(doc.containsKey(absent), absent);
        }
    }

    @Test
    void grantTypesAreTheOnesGivenAndTheDeviceEndpointOnlyWithTheDeviceGrant() {
        Map<String, Object> doc = ServerMetadata.of(ISSUER, List.of(GrantTypes.CLIENT_CREDENTIALS, GrantTypes.REFRESH_TOKEN), false);
        assertEquals(List.of("client_credentials", "refresh_token"), doc.get("grant_types_supported"));
        assertFalse(doc.containsKey("device_authorization_endpoint"));
    }

    @Test
    void noneIsAnAuthMethodOnlyWhenPublicClientsExistAndNeverForIntrospection() {
        Map<String, Object> withCli = ServerMetadata.of(ISSUER, List.of(GrantTypes.DEVICE_CODE), true);
        assertEquals(List.of("client_secret_basic", "client_secret_post", "none"), withCli.get("token_endpoint_auth_methods_supported"));
        assertEquals(List.of("client_secret_basic", "client_secret_post", "none"),
                withCli.get("revocation_endpoint_auth_methods_supported"));
        assertEquals(List.of("client_secret_basic", "client_secret_post"),
                withCli.get("introspection_endpoint_auth_methods_supported"));
        Map<String, Object> servicesOnly = ServerMetadata.of(ISSUER, List.of(GrantTypes.CLIENT_CREDENTIALS), false);
        assertEquals(List.of("client_secret_basic", "client_secret_post"),
                servicesOnly.get("token_endpoint_auth_methods_supported"));
        assertEquals(List.of("client_secret_basic", "client_secret_post"),
                servicesOnly.get("revocation_endpoint_auth_methods_supported"));
    }

    @Test
    void theDocumentCannotBeChangedOnceBuilt() {
        Map<String, Object> doc = ServerMetadata.of(ISSUER, List.of(), false);
        assertThrows(UnsupportedOperationException.class, () -> doc.put("authorization_endpoint", "x"));
    }
}
