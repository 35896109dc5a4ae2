package io.promptsuite.auth.user;

import java.net.URI;
import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's users, managed by its admins. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    @Inject
    UserService service;

    @Inject
    CallerContext callers;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull UserDtos.CreateUser body) {
        Caller caller = callers.caller();
        User user = service.create(tenant(), body.email(), body.password(), body.role(), false, caller);
        return Response.created(URI.create("/api/v1/users/" + user.id)).entity(UserDtos.UserView.of(user)).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Page<UserDtos.UserView> list(@Valid @BeanParam PageParams page, @QueryParam("role") String role) {
        return service.list(tenant(), page, role).map(UserDtos.UserView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public UserDtos.UserView get(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.get(tenant(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public UserDtos.UserView update(@PathParam("id") UUID id, @Valid @NotNull UserDtos.UpdateUser body) {
        if (body.role() == null && body.disabled() == null) {
            throw ApiException.badRequest("NOTHING_TO_CHANGE", "Give a role or disabled");
        }
        Caller caller = callers.caller();
        User user = null;
        if (body.role() != null) {
            user = service.changeRole(tenant(), id, body.role(), caller);
        }
        if (body.disabled() != null) {
            user = service.setDisabled(tenant(), id, body.disabled(), caller);
        }
        return UserDtos.UserView.of(user);
    }

    public record ChangeRole(@jakarta.validation.constraints.NotBlank String role) {
    }

    @PUT
    @Path("/{id}/role")
    @RolesAllowed(Roles.ADMIN)
    public UserDtos.UserView changeRole(@PathParam("id") UUID id, @Valid @NotNull ChangeRole body) {
        return UserDtos.UserView.of(service.changeRole(tenant(), id, body.role(), callers.caller()));
    }

    @POST
    @Path("/{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    public UserDtos.UserView disable(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.setDisabled(tenant(), id, true, callers.caller()));
    }

    @POST
    @Path("/{id}/enable")
    @RolesAllowed(Roles.ADMIN)
    public UserDtos.UserView enable(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.setDisabled(tenant(), id, false, callers.caller()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") UUID id) {
        service.delete(tenant(), id, callers.caller());
        return Response.noContent().build();
    }

    /**
     * Grants platform-admin to a user of any tenant (platform admins act across tenants). Answers the user; granting
     * twice is harmless. The user's next sign-in or refresh carries the role.
     */
    @PUT
    @Path("/{id}/platform-admin")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public UserDtos.UserView grantPlatformAdmin(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.setPlatformAdmin(id, true, callers.caller()));
    }

    /** Revokes platform-admin and ends the user's logins; the last active platform admin keeps it (409). */
    @DELETE
    @Path("/{id}/platform-admin")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public UserDtos.UserView revokePlatformAdmin(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.setPlatformAdmin(id, false, callers.caller()));
    }

    @PUT
    @Path("/me/password")
    @Authenticated
    public Response changePassword(@Valid @NotNull UserDtos.ChangePassword body) {
        Caller caller = callers.caller();
        if (caller.via() != Caller.Via.TOKEN) {
            throw ApiException.forbidden("Passwords are changed by their owner, signed in; not with an API key");
        }
        service.changeOwnPassword(tenant(), UUID.fromString(caller.userId()), body.currentPassword(), body.newPassword());
        return Response.noContent().build();
    }

    private UUID tenant() {
        return callers.tenant();
    }
}
