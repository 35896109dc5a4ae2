package io.promptsuite.auth.discovery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.promptsuite.auth.client.GrantTypes;


import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
/**
 * This server's metadata (RFC 8414 §2), listing only what it does. It has no authorization endpoint and issues no ID
 * tokens, so it names no response types, PKCE methods, subject types or ID-token algorithms, although OpenID Connect
 * Discovery calls some of those required: a client that trusted them would try flows that can only fail.
 */
@Schema(name = "ServerMetadata",
        description = "RFC 8414 authorization server metadata (also served as OpenID Connect discovery).",
        requiredProperties = { "issuer", "token_endpoint", "jwks_uri", "grant_types_supported" }, properties = {
            @SchemaProperty(name = "issuer", type = SchemaType.STRING),
            @SchemaProperty(name = "token_endpoint", type = SchemaType.STRING),
            @SchemaProperty(name = "jwks_uri", type = SchemaType.STRING),
            @SchemaProperty(name = "grant_types_supported", type = SchemaType.ARRAY, implementation = String.class),
            @SchemaProperty(name = "token_endpoint_auth_methods_supported", type = SchemaType.ARRAY,
                    implementation = String.class),
            @SchemaProperty(name = "device_authorization_endpoint", type = SchemaType.STRING,
                    description = "Only while the device-code grant is enabled."),
            @SchemaProperty(name = "revocation_endpoint", type = SchemaType.STRING),
            @SchemaProperty(name = "revocation_endpoint_auth_methods_supported", type = SchemaType.ARRAY,
                    implementation = String.class),
            @SchemaProperty(name = "introspection_endpoint", type = SchemaType.STRING),
            @SchemaProperty(name = "introspection_endpoint_auth_methods_supported", type = SchemaType.ARRAY,
                    implementation = String.class) })
public final class ServerMetadata {

    private static final List<String> CONFIDENTIAL = List.of("client_secret_basic", "client_secret_post");
    private static final List<String> CONFIDENTIAL_OR_PUBLIC = List.of("client_secret_basic", "client_secret_post", "none");

    private ServerMetadata() {
    }

    /**
     * @param issuer exactly the {@code iss} of this server's tokens
     * @param grantTypes the grant types the token endpoint accepts now
     * @param publicClients whether a client without a secret (the CLI) is registered: only then is {@code none} an
     *        authentication method of the token and revocation endpoints
     */
    public static Map<String, Object> of(String issuer, List<String> grantTypes, boolean publicClients) {
        List<String> clientAuth = publicClients ? CONFIDENTIAL_OR_PUBLIC : CONFIDENTIAL;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("token_endpoint", issuer + "/oauth/token");
        doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
        doc.put("grant_types_supported", List.copyOf(grantTypes));
        doc.put("token_endpoint_auth_methods_supported", clientAuth);
        if (grantTypes.contains(GrantTypes.DEVICE_CODE)) {
            doc.put("device_authorization_endpoint", issuer + "/oauth/device_authorization");
        }
        doc.put("revocation_endpoint", issuer + "/oauth/revoke");
        doc.put("revocation_endpoint_auth_methods_supported", clientAuth);
        // Introspection answers service clients only: a public client can't prove who asks.
        doc.put("introspection_endpoint", issuer + "/oauth/introspect");
        doc.put("introspection_endpoint_auth_methods_supported", CONFIDENTIAL);
        return Collections.unmodifiableMap(doc);
    }
}
