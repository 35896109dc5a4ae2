package io.promptsuite.stats.price;

import java.net.URI;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The price book as the tenant sees it: its own entries over the shipped defaults. A change recomputes the costs of
 * the events it affects (those not sent with a cost) from the raw events.
 */
@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "prices")
public class PriceResource {

    private static final String ERROR = "Error";

    @Inject
    PriceService service;

    @Inject
    CallerContext callers;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The tenant's effective price book, a page at a time",
            description = "The tenant's own entries first (`source: tenant`), then the default book's (`source: default`).")
    public Page<PriceDtos.PriceView> list(@Valid @BeanParam PageParams page,
            @Parameter(description = "all (default), tenant or default") @QueryParam("source") @DefaultValue("all") String source) {
        if (!source.equals("all") && !source.equals("tenant") && !source.equals("default")) {
            throw ApiException.invalidField("source", "must be all, tenant or default");
        }
        return service.list(callers.caller(), source, page).map(PriceDtos.PriceView::of);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a price entry",
            description = "To the tenant's book, or with `scope: default` (platform admins only) to the default book.")
    @APIResponse(responseCode = "201", description = "The entry, created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PriceDtos.PriceView.class)),
            headers = @Header(name = "Location", description = "The entry, as GET answers it", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "An entry with this pattern, provider and effective_from exists (PRICE_EXISTS), or the book is full (PRICE_BOOK_FULL)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    public Response create(PriceDtos.PriceBody body) {
        PriceEntry entry = service.create(callers.caller(), body);
        return Response.created(URI.create("/api/v1/prices/" + entry.id())).entity(PriceDtos.PriceView.of(entry)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One price entry of the tenant or of the default book")
    @APIResponse(responseCode = "200", description = "The entry",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PriceDtos.PriceView.class)))
    public PriceDtos.PriceView get(@PathParam("id") String id) {
        return PriceDtos.PriceView.of(service.get(callers.caller(), id));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a price entry", description = "A default entry only by a platform admin.")
    @APIResponse(responseCode = "200", description = "The entry, replaced",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PriceDtos.PriceView.class)))
    @APIResponse(responseCode = "409", description = "Another entry has this pattern, provider and effective_from (PRICE_EXISTS)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    public PriceDtos.PriceView update(@PathParam("id") String id, PriceDtos.PriceBody body) {
        return PriceDtos.PriceView.of(service.update(callers.caller(), id, body));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a price entry", description = "A default entry only by a platform admin.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response delete(@PathParam("id") String id) {
        service.delete(callers.caller(), id);
        return Response.noContent().build();
    }
}
