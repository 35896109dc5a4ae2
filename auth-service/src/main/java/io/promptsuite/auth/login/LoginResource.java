package io.promptsuite.auth.login;

import java.util.UUID;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sign-in for people and the web UI: JSON in, a token pair out. Machines use /oauth/token or API keys. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "login")
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
    public TokenResponse login(@Valid @NotNull LoginRequests.Login body) {
        LoginService.Authenticated who = logins.authenticate(body.tenant(), body.email(), body.password());
        return sessions.start(who.user(), who.tenant(), WEB_CLIENT, null);
    }

    @POST
    @Path("/refresh")
    public TokenResponse refresh(@Valid @NotNull LoginRequests.Refresh body) {
        return sessions.refresh(body.refreshToken(), null);
    }

    @POST
    @Path("/logout")
    public Response logout(@Valid @NotNull LoginRequests.Refresh body) {
        sessions.logout(body.refreshToken());
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @Authenticated
    public LoginRequests.Me me() {
        Caller caller = callers.caller();
        User user = caller.tenantId() == null ? null : users.findById(UUID.fromString(caller.userId()));
        return new LoginRequests.Me(caller.userId(), caller.tenantSlug(), caller.tenantId(), user == null ? null : user.email,
                caller.roles(), caller.via() == Caller.Via.API_KEY ? caller.credentialId() : null);
    }
}
