package io.promptsuite.auth.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.oauth.GrantHandlers;
import io.promptsuite.common.security.AuthVerificationConfig;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The issuer's OpenID Connect discovery document. */
@Path("/.well-known")
@Singleton
@Tag(name = "discovery")
public class DiscoveryResource {

    @Inject
    AuthConfig config;

    @Inject
    AuthVerificationConfig verification;

    @Inject
    GrantHandlers grants;

    private Map<String, Object> discovery;
    private String cacheControl;

    @PostConstruct
    void prepare() {
        String issuer = verification.issuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
        doc.put("token_endpoint", issuer + "/oauth/token");
        doc.put("device_authorization_endpoint", issuer + "/oauth/device_authorization");
        doc.put("revocation_endpoint", issuer + "/oauth/revoke");
        doc.put("introspection_endpoint", issuer + "/oauth/introspect");
        doc.put("grant_types_supported", grants.enabledGrantTypes());
        doc.put("response_types_supported", List.of("token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        doc.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "tid", "tenant", "groups",
                "scope", "client_id"));
        discovery = Map.copyOf(doc);
        cacheControl = "public, max-age=" + config.signing().verifierCachePeriod().toSeconds();
    }

    @GET
    @Path("/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response openidConfiguration() {
        return Response.ok(discovery).header("Cache-Control", cacheControl).build();
    }
}
