package io.promptsuite.auth.login;

import java.util.UUID;

import io.promptsuite.auth.openapi.Answers;
import io.promptsuite.auth.token.SessionService;
import io.promptsuite.auth.token.TokenResponse;
import io.promptsuite.auth.user.User;
import io.promptsuite.auth.user.UserRepository;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/** Sign-in for people and the web UI: JSON in, a token pair out. Machines use /oauth/token or API keys. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "login", description = "Sign-in for people and the web UI: a token pair for tenant, email and password.")
public class LoginResource {

    /** The client id recorded for tokens issued through this API. */
    static final String WEB_CLIENT = "web";

    @Inject
    LoginService logins;

    @Inject
    SessionService sessions;

    @Inject
    CallerContext callers;

    @Inject
    UserRepository users;

    @POST
    @Path("/login")
    @Operation(summary = "Sign in with tenant, email and password",
            description = "Answers an access token and a refresh token. Failed attempts count per account and per "
                    + "source address.")
    @APIResponse(responseCode = "200", description = "Signed in.",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401",
            description = "Unknown tenant (`UNKNOWN_TENANT`), or email or password wrong (`INVALID_CREDENTIALS`).")
    @APIResponse(responseCode = "403", description = "The account is disabled (`USER_DISABLED`).")
    @APIResponse(responseCode = "429", description = Answers.SIGN_IN_LOCKED,
            headers = @Header(name = Answers.RETRY_AFTER, description = Answers.RETRY_AFTER_SECONDS,
                    schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "503", description = Answers.SIGN_IN_UNAVAILABLE,
            headers = @Header(name = Answers.RETRY_AFTER, description = Answers.RETRY_AFTER_SECONDS,
                    schema = @Schema(type = SchemaType.INTEGER)))
    public TokenResponse login(@Valid @NotNull LoginRequests.Login body) {
        LoginService.Authenticated who = logins.authenticate(body.tenant(), body.email(), body.password());
        return sessions.start(who.user(), who.tenant(), WEB_CLIENT, null);
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Trade a refresh token for a new token pair",
            description = "The refresh token rotates: the one sent is spent, and using a spent one again ends the "
                    + "whole login.")
    @APIResponse(responseCode = "200", description = "A new token pair.",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "The refresh token is unknown, expired, revoked or reused "
            + "(`REFRESH_TOKEN_INVALID`, `REFRESH_TOKEN_EXPIRED`, `REFRESH_TOKEN_REVOKED`, `REFRESH_TOKEN_REUSED`).")
    public TokenResponse refresh(@Valid @NotNull LoginRequests.Refresh body) {
        return sessions.refresh(body.refreshToken(), null);
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Sign out: end the login the refresh token belongs to",
            description = "Answers 204 whatever the token, so it can't be used to probe for valid ones.")
    @APIResponse(responseCode = "204", description = "The login is over.")
    public Response logout(@Valid @NotNull LoginRequests.Refresh body) {
        sessions.logout(body.refreshToken());
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @Operation(summary = "Who the caller is: user, tenant, roles")
    @APIResponse(responseCode = "200", description = "The caller.",
            content = @Content(schema = @Schema(implementation = LoginRequests.Me.class)))
    @Authenticated
    public LoginRequests.Me me() {
        Caller caller = callers.caller();
        User user = caller.tenantId() == null ? null : users.findById(UUID.fromString(caller.userId()));
        return new LoginRequests.Me(caller.userId(), caller.tenantSlug(), caller.tenantId(), user == null ? null : user.email,
                caller.roles(), caller.via() == Caller.Via.API_KEY ? caller.credentialId() : null);
    }
}
