package io.promptsuite.auth.tenant;

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

/** Tenants, for platform admins. */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Tag(name = "tenants", description = "Tenants and their first admin, for platform admins.")
public class TenantResource {

    public record CreateTenant(@NotBlank @Size(max = 63) String slug, @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 254) String adminEmail, @NotBlank @Size(max = 1024) String adminPassword) {
    }

    public record AdminView(String id, String email, String role) {
    }

    public record TenantView(String id, String slug, String name, OffsetDateTime createdAt,
            @Schema(nullable = true, description = "The first admin; only in the answer that creates the tenant.")
            AdminView admin) {

        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.id.toString(), tenant.slug, tenant.name, tenant.createdAt, null);
        }
    }

    @Inject
    TenantService service;

    @Inject
    CallerContext callers;

    @POST
    @Operation(summary = "Create a tenant with its first admin")
    @APIResponse(responseCode = "201", description = "The new tenant and its admin.",
            content = @Content(schema = @Schema(implementation = TenantView.class)),
            headers = @Header(name = Answers.LOCATION, description = Answers.LOCATION_OF_CREATED,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "A tenant with this slug exists (`TENANT_EXISTS`).")
    @APIResponse(responseCode = "503", description = Answers.HASHING_BUSY, headers = @Header(name = Answers.RETRY_AFTER,
            description = Answers.RETRY_AFTER_SECONDS, schema = @Schema(type = SchemaType.INTEGER)))
    public Response create(@Valid @NotNull CreateTenant body) {
        TenantService.Created created = service.create(body.slug(), body.name(), body.adminEmail(), body.adminPassword(),
                callers.caller().userId(), false);
        Tenant tenant = created.tenant();
        TenantView view = new TenantView(tenant.id.toString(), tenant.slug, tenant.name, tenant.createdAt,
                new AdminView(created.admin().id.toString(), created.admin().email, created.admin().role));
        return Response.created(URI.create("/api/v1/tenants/" + tenant.id)).entity(view).build();
    }

    @GET
    @Operation(summary = "List tenants")
    public Page<TenantView> list(@Valid @BeanParam PageParams page) {
        return service.list(page).map(TenantView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a tenant")
    public TenantView get(@PathParam("id") UUID id) {
        return TenantView.of(service.get(id));
    }
}
