package io.promptsuite.auth.key;

import io.promptsuite.auth.config.AuthConfig;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The issuer's public keys (RFC 7517), which every service verifies tokens against. */
@Path("/.well-known/jwks.json")
@Singleton
@Tag(name = "discovery")
public class JwksResource {

    @Inject
    SigningKeyService keys;

    @Inject
    AuthConfig config;

    private String cacheControl;

    /** The shape of the served document (jose4j writes it), for the OpenAPI document. */
    @Schema(name = "JwkSet", description = "RFC 7517 JSON Web Key Set: the public keys tokens are verified with.")
    record JwkSet(List<Jwk> keys) {
    }

    @Schema(name = "Jwk", description = "An RSA public key (RFC 7517, RFC 7518 §6.3).")
    record Jwk(String kty, String kid, String use, String alg, String n, String e) {
    }

    @PostConstruct
    void prepare() {
        cacheControl = "public, max-age=" + config.signing().verifierCachePeriod().toSeconds();
    }

    /** Prepared bytes: served as is, cached by verifiers no longer than their own refresh period. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The issuer's public keys (JWKS)")
    @APIResponse(responseCode = "200", description = "The key set.",
            content = @Content(schema = @Schema(implementation = JwkSet.class)))
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", cacheControl).build();
    }
}
