package io.promptsuite.auth.discovery;

import java.util.Map;

import io.promptsuite.auth.client.ClientRegistry;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The same {@link ServerMetadata} at both well-known addresses: RFC 8414's for OAuth clients and OpenID Connect
 * Discovery's, which verifiers and libraries look for first.
 */
@Path("/.well-known")
@Singleton
@Tag(name = "discovery", description = "What verifiers and OAuth clients read first: metadata and public keys.")
public class DiscoveryResource {

    @Inject
    AuthConfig config;

    @Inject
    AuthVerificationConfig verification;

    @Inject
    GrantHandlers grants;

    @Inject
    ClientRegistry clients;

    private Map<String, Object> metadata;
    private String cacheControl;

    @PostConstruct
    void prepare() {
        metadata = ServerMetadata.of(verification.issuer(), grants.enabledGrantTypes(), clients.publicClientsExist());
        cacheControl = "public, max-age=" + config.signing().verifierCachePeriod().toSeconds();
    }

    @GET
    @Path("/oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OAuth 2.0 authorization server metadata (RFC 8414)")
    @APIResponse(responseCode = "200", description = "The metadata.",
            content = @Content(schema = @Schema(implementation = ServerMetadata.class)))
    public Response authorizationServerMetadata() {
        return Response.ok(metadata).header("Cache-Control", cacheControl).build();
    }

    @GET
    @Path("/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The same metadata at the OpenID Connect discovery address")
    @APIResponse(responseCode = "200", description = "The metadata.",
            content = @Content(schema = @Schema(implementation = ServerMetadata.class)))
    public Response openidConfiguration() {
        return Response.ok(metadata).header("Cache-Control", cacheControl).build();
    }
}
