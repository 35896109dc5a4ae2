package io.promptsuite.auth.client;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.token.OpaqueTokens;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.ApiKeyHashes;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Service clients registered at run time; each gets a secret shown once, for the client-credentials grant. */
@Path("/api/v1/service-clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Tag(name = "service-clients")
public class ServiceClientResource {

    public record CreateClient(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,99}") String clientId,
            @NotBlank @Size(max = 200) String name, List<@Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String> scopes) {
    }

    public record ClientView(String clientId, String name, List<String> scopes, String clientSecret, OffsetDateTime createdAt) {
    }

    @Inject
    ServiceClientRepository repository;

    @Inject
    AuthConfig config;

    /** {@code web} names the sign-in API's own sessions: a registered client of that name would pass as them. */
    private static final java.util.Set<String> RESERVED_CLIENT_IDS = java.util.Set.of("web");

    @Inject
    CallerContext callers;

    @Inject
    AuditLog audit;

    @POST
    @Transactional
    public Response create(@Valid @NotNull CreateClient body) {
        if (RESERVED_CLIENT_IDS.contains(body.clientId())) {
            throw ApiException.conflict("CLIENT_EXISTS", "The client id '" + body.clientId() + "' is reserved");
        }
        if (config.clients().containsKey(body.clientId()) || repository.findById(body.clientId()) != null) {
            throw ApiException.conflict("CLIENT_EXISTS", "A client with this id already exists");
        }
        List<String> scopes = body.scopes() == null || body.scopes().isEmpty() ? List.of(Roles.SERVICE) : body.scopes();
        String secret = OpaqueTokens.random();
        ServiceClient client = new ServiceClient();
        client.clientId = body.clientId();
        client.name = body.name();
        client.secretHash = ApiKeyHashes.sha256(secret);
        client.scopes = String.join(" ", scopes);
        repository.persist(client);
        audit.record(null, AuditType.SERVICE_CLIENT_CREATED, callers.caller().userId(), null, client.clientId,
                Map.of("scopes", client.scopes));
        return Response.created(URI.create("/api/v1/service-clients/" + client.clientId))
                .entity(new ClientView(client.clientId, client.name, scopes, secret, OffsetDateTime.now())).build();
    }

    @GET
    @Transactional
    public List<ClientView> list() {
        return repository.listAll(Sort.by("clientId")).stream()
                .map(c -> new ClientView(c.clientId, c.name, List.of(c.scopes.split(" ")), null, c.createdAt))
                .toList();
    }
}
