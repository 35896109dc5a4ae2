package io.promptsuite.auth.client;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.openapi.Answers;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Service clients registered at run time; each gets a secret shown once, for the client-credentials grant. */
@Path("/api/v1/service-clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Tag(name = "service-clients", description = "OAuth clients of other services, for the client-credentials grant.")
public class ServiceClientResource {

    public record CreateClient(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,99}") String clientId,
            @NotBlank @Size(max = 200) String name, List<@Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String> scopes) {
    }

    public record ClientView(String clientId, String name, List<String> scopes,
            @Schema(nullable = true, description = "Only in the answer that registers the client; never shown again.")
            String clientSecret, OffsetDateTime createdAt) {

        static ClientView of(ServiceClient client) {
            return new ClientView(client.clientId, client.name, List.of(client.scopes.split(" ")), null,
                    client.createdAt);
        }
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
    @Operation(summary = "Register a service client; its secret is shown once")
    @APIResponse(responseCode = "201", description = "The new client, with its secret.",
            content = @Content(schema = @Schema(implementation = ClientView.class)),
            headers = @Header(name = Answers.LOCATION, description = Answers.LOCATION_OF_CREATED,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409",
            description = "A client with this id exists (`CLIENT_EXISTS`), configured or registered.")
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
        // PostgreSQL keeps microseconds: the creating answer says what a later GET says.
        client.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        repository.persist(client);
        audit.record(null, AuditType.SERVICE_CLIENT_CREATED, callers.caller().userId(), null, client.clientId,
                Map.of("scopes", client.scopes));
        return Response.created(URI.create("/api/v1/service-clients/" + client.clientId))
                .entity(new ClientView(client.clientId, client.name, scopes, secret, client.createdAt)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "List the service clients registered at run time")
    public List<ClientView> list() {
        return repository.listAll(Sort.by("clientId")).stream().map(ClientView::of).toList();
    }

    @GET
    @Path("/{client_id}")
    @Transactional
    @Operation(summary = "Read a registered service client (never its secret)")
    public ClientView get(
            @Parameter(description = "The client's id, as in `client_id`.") @PathParam("client_id") String clientId) {
        ServiceClient client = repository.findById(clientId);
        if (client == null) {
            throw ApiException.notFound("CLIENT_NOT_FOUND", "No such service client");
        }
        return ClientView.of(client);
    }
}
