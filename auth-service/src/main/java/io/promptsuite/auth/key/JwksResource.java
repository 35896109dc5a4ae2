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

    @PostConstruct
    void prepare() {
        cacheControl = "public, max-age=" + config.signing().verifierCachePeriod().toSeconds();
    }

    /** Prepared bytes: served as is, cached by verifiers no longer than their own refresh period. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", cacheControl).build();
    }
}
