package io.promptsuite.auth.user;

import java.net.URI;
import java.util.UUID;

import io.promptsuite.auth.openapi.Answers;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's users, managed by its admins. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "A tenant's users and their roles, managed by its admins.")
public class UserResource {

    @Inject
    UserService service;

    @Inject
    CallerContext callers;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a user in the caller's tenant")
    @APIResponse(responseCode = "201", description = "The new user.",
            content = @Content(schema = @Schema(implementation = UserDtos.UserView.class)),
            headers = @Header(name = Answers.LOCATION, description = Answers.LOCATION_OF_CREATED,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "A user with this email exists in the tenant (`EMAIL_TAKEN`).")
    @APIResponse(responseCode = "503", description = Answers.HASHING_BUSY, headers = @Header(name = Answers.RETRY_AFTER,
            description = Answers.RETRY_AFTER_SECONDS, schema = @Schema(type = SchemaType.INTEGER)))
    public Response create(@Valid @NotNull UserDtos.CreateUser body) {
        Caller caller = callers.caller();
        User user = service.create(tenant(), body.email(), body.password(), body.role(), false, caller);
        return Response.created(URI.create("/api/v1/users/" + user.id)).entity(UserDtos.UserView.of(user)).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List the tenant's users, optionally of one role")
    public Page<UserDtos.UserView> list(@Valid @BeanParam PageParams page, @QueryParam("role") String role) {
        return service.list(tenant(), page, role).map(UserDtos.UserView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Read a user")
    public UserDtos.UserView get(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.get(tenant(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a user's role or disable or enable the user")
    @APIResponse(responseCode = "200", description = "The user as changed.")
    @APIResponse(responseCode = "409", description = "The change would leave the tenant without an admin (`LAST_ADMIN`), "
            + "or the caller would disable themselves (`CANNOT_DISABLE_SELF`).")
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
    @Operation(summary = "Set a user's role")
    @APIResponse(responseCode = "200", description = "The user with the new role.")
    @APIResponse(responseCode = "409", description = "The tenant's last admin keeps the admin role (`LAST_ADMIN`).")
    public UserDtos.UserView changeRole(@PathParam("id") UUID id, @Valid @NotNull ChangeRole body) {
        return UserDtos.UserView.of(service.changeRole(tenant(), id, body.role(), callers.caller()));
    }

    @POST
    @Path("/{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Disable a user and end their logins")
    @APIResponse(responseCode = "200", description = "The disabled user.")
    @APIResponse(responseCode = "409", description = "The tenant's last admin (`LAST_ADMIN`) or the caller themselves "
            + "(`CANNOT_DISABLE_SELF`) can't be disabled.")
    public UserDtos.UserView disable(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.setDisabled(tenant(), id, true, callers.caller()));
    }

    @POST
    @Path("/{id}/enable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Enable a disabled user")
    @APIResponse(responseCode = "200", description = "The enabled user.")
    public UserDtos.UserView enable(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.setDisabled(tenant(), id, false, callers.caller()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a user")
    @APIResponse(responseCode = "204", description = "The user is gone.")
    @APIResponse(responseCode = "409", description = "The tenant's last admin (`LAST_ADMIN`) or the caller themselves "
            + "(`CANNOT_DELETE_SELF`) can't be deleted.")
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
    @Operation(summary = "Make a user of any tenant a platform admin")
    @APIResponse(responseCode = "200", description = "The user, now a platform admin.")
    public UserDtos.UserView grantPlatformAdmin(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.setPlatformAdmin(id, true, callers.caller()));
    }

    /** Revokes platform-admin and ends the user's logins; the last active platform admin keeps it (409). */
    @DELETE
    @Path("/{id}/platform-admin")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Take platform admin from a user")
    @APIResponse(responseCode = "200", description = "The user, no longer a platform admin; their logins have ended.")
    @APIResponse(responseCode = "409", description = "The last active platform admin keeps it (`LAST_PLATFORM_ADMIN`).")
    public UserDtos.UserView revokePlatformAdmin(@PathParam("id") UUID id) {
        return UserDtos.UserView.of(service.setPlatformAdmin(id, false, callers.caller()));
    }

    @PUT
    @Path("/me/password")
    @Authenticated
    @Operation(summary = "Change the signed-in user's own password",
            description = "Ends the user's other logins. Not with an API key: a person signed in changes their "
                    + "password.")
    @APIResponse(responseCode = "204", description = "The password is changed.")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (`details` names it), the current "
            + "password is wrong (`WRONG_PASSWORD`), or the new one is weak (`WEAK_PASSWORD`).")
    @APIResponse(responseCode = "429", description = "Too many password changes of this user (`TOO_MANY_PASSWORD_ATTEMPTS`), "
            + "or too many unknown API keys from this address (`TOO_MANY_UNKNOWN_API_KEYS`).",
            headers = @Header(name = Answers.RETRY_AFTER, description = Answers.RETRY_AFTER_SECONDS,
                    schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "503", description = Answers.HASHING_BUSY + " Or the attempt counter (Redis) is "
            + "unreachable (`RATE_LIMIT_UNAVAILABLE`).", headers = @Header(name = Answers.RETRY_AFTER,
            description = Answers.RETRY_AFTER_SECONDS, schema = @Schema(type = SchemaType.INTEGER)))
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
