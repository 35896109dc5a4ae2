package io.promptsuite.auth.apikey;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.promptsuite.auth.openapi.Answers;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys of the caller's tenant, for its admins. */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "api-keys", description = "API keys of the tenant, for machines: shown once, revocable at once.")
public class ApiKeyResource {

    public record CreateKey(@NotBlank @Size(max = 100) String name, @NotBlank String role,
            @Schema(nullable = true, description = "When the key stops working; never if left out.")
            OffsetDateTime expiresAt) {
    }

    /** The one answer that holds the key itself. */
    public record CreatedKey(String id, String name, String role, String prefix,
            @Schema(description = "The key itself, for the `X-API-Key` header; never shown again.") String key,
            @Schema(nullable = true) OffsetDateTime expiresAt) {
    }

    public record KeyView(String id, String name, String role, String prefix, OffsetDateTime createdAt,
            @Schema(nullable = true) OffsetDateTime expiresAt, @Schema(nullable = true) OffsetDateTime lastUsedAt,
            @Schema(nullable = true) OffsetDateTime revokedAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id.toString(), key.name, key.role, key.prefix, key.createdAt, key.expiresAt,
                    key.lastUsedAt, key.revokedAt);
        }
    }

    @Inject
    ApiKeyService service;

    @Inject
    CallerContext callers;

    @POST
    @Operation(summary = "Create an API key with a role no higher than the caller's")
    @APIResponse(responseCode = "201", description = "The new key, with the key itself (shown this once).",
            content = @Content(schema = @Schema(implementation = CreatedKey.class)),
            headers = @Header(name = Answers.LOCATION, description = Answers.LOCATION_OF_CREATED,
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid @NotNull CreateKey body) {
        ApiKeyService.Created created = service.create(callers.caller(), body.name(), body.role(), body.expiresAt());
        ApiKey key = created.key();
        return Response.created(URI.create("/api/v1/api-keys/" + key.id))
                .entity(new CreatedKey(key.id.toString(), key.name, key.role, key.prefix, created.secret(), key.expiresAt))
                .build();
    }

    @GET
    @Operation(summary = "List the tenant's API keys, newest first; revoked ones on request")
    public Page<KeyView> list(@Valid @BeanParam PageParams page,
            @QueryParam("include_revoked") @DefaultValue("false") boolean includeRevoked) {
        return service.list(callers.tenant(), page, includeRevoked).map(KeyView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an API key (never the key itself)")
    public KeyView get(@PathParam("id") UUID id) {
        return KeyView.of(service.get(callers.tenant(), id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key, with immediate effect in every service")
    @APIResponse(responseCode = "204", description = "The key is revoked (revoking twice is harmless).")
    public Response revoke(@PathParam("id") UUID id) {
        service.revoke(callers.caller(), id);
        return Response.noContent().build();
    }
}
