package io.promptsuite.auth.device;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.login.LoginService;
import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.token.OpaqueTokens;
import io.promptsuite.auth.user.User;
import io.promptsuite.auth.user.UserRepository;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.common.request.ClientAddress;
import io.promptsuite.common.security.RateLimiter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The page a person opens to approve a device: plain HTML forms, no JavaScript. Sign in with the code, then see which
 * client asks and approve or deny, then a result. The consent step carries a one-time ticket kept in Redis for five
 * minutes, so the decision can only come from the person who just signed in.
 */
@Path("/oauth/device")
@Produces(MediaType.TEXT_HTML)
public class DevicePageResource {

    private static final Duration CONSENT_TTL = Duration.ofMinutes(5);

    @Inject
    @Location("device-page.html")
    Template page;

    @Inject
    DeviceFlowService devices;

    @Inject
    LoginService logins;

    @Inject
    ClientRegistry clients;

    @Inject
    UserRepository users;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    @Inject
    RateLimiter limiter;

    @Inject
    ClientAddress addresses;

    @Inject
    AuthConfig config;

    @GET
    @Operation(hidden = true)
    public Response show(@QueryParam("user_code") String userCode) {
        return html(200, signIn(userCode, null, null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response post(@FormParam("user_code") String userCode, @FormParam("tenant") String tenant,
            @FormParam("email") String email, @FormParam("password") String password,
            @FormParam("consent") String consent, @FormParam("decision") String decision) {
        // Both steps post to the page's own address, so the flow works behind any proxy path.
        if (consent != null || decision != null) {
            return decide(consent, decision);
        }
        return signInAndAsk(userCode, tenant, email, password);
    }

    private Response signInAndAsk(String userCode, String tenant, String email, String password) {
        // Every try takes a token first, before the code or the credentials are looked at: user codes are short.
        AuthConfig.RateLimits limits = config.rateLimits();
        RateLimiter.Decision attempt = limiter.take("auth", "device-user-code:" + addresses.current(),
                new RateLimiter.Limit(limits.userCodeAttempts(), limits.userCodeAttemptsPeriod()));
        if (attempt.unavailable()) {
            return html(503, signIn(userCode, tenant, email, "Sign-in is unavailable for a moment; retry shortly."),
                    "5");
        }
        if (!attempt.allowed()) {
            return html(429, signIn(userCode, tenant, email, "Too many attempts from this address; wait "
                    + attempt.retryAfterSeconds() + " seconds and try again."), String.valueOf(attempt.retryAfterSeconds()));
        }
        if (isBlank(userCode) || isBlank(tenant) || isBlank(email) || isBlank(password)) {
            return html(400, signIn(userCode, tenant, email, "Fill in the code, tenant, email and password."));
        }
        Optional<DeviceAuthorization> pending = devices.pending(userCode);
        if (pending.isEmpty()) {
            return html(400, signIn(userCode, tenant, email, "That code is unknown or has expired. Check your device."));
        }
        LoginService.Authenticated who;
        try {
            who = logins.authenticate(tenant.trim(), email, password);
        } catch (ApiException e) {
            return html(e.status(), signIn(userCode, tenant, email, e.getMessage()));
        }
        String ticket = OpaqueTokens.random();
        redis.value(String.class).setex(redisKeys.key("auth", "device:consent:" + ticket), CONSENT_TTL.toSeconds(),
                pending.get().id + " " + who.user().id);
        String clientName = clients.find(pending.get().clientId).map(OAuthClient::name).orElse(pending.get().clientId);
        return html(200, base("Approve device", "consent", null)
                .data("clientName", clientName)
                .data("email", who.user().email)
                .data("tenant", who.tenant().slug)
                .data("userCode", UserCodes.display(pending.get().userCode))
                .data("consent", ticket));
    }

    private Response decide(String ticket, String decision) {
        if (isBlank(ticket) || !("approve".equals(decision) || "deny".equals(decision))) {
            return html(400, result("Request not understood", "Start again from the code on your device."));
        }
        String held = redis.value(String.class).getdel(redisKeys.key("auth", "device:consent:" + ticket));
        if (held == null) {
            return html(400, result("This approval has expired", "Start again from the code on your device."));
        }
        String[] parts = held.split(" ");
        User user = QuarkusTransaction.requiringNew().call(() -> users.findById(UUID.fromString(parts[1])));
        boolean approve = "approve".equals(decision);
        if (user == null || !devices.decide(UUID.fromString(parts[0]), approve, user)) {
            return html(400, result("This code can no longer be used", "It expired or was already answered. Start again from your device."));
        }
        return approve
                ? html(200, result("Device approved", "You can close this page and return to your device."))
                : html(200, result("Device denied", "The device was refused. You can close this page."));
    }

    private TemplateInstance signIn(String userCode, String tenant, String email, String error) {
        return base("Connect a device", "sign-in", error)
                .data("userCode", userCode == null ? "" : userCode)
                .data("tenant", tenant == null ? "" : tenant)
                .data("email", email == null ? "" : email);
    }

    private TemplateInstance result(String title, String message) {
        return base(title, "result", null).data("message", message);
    }

    private TemplateInstance base(String title, String step, String error) {
        return page.data("title", title).data("step", step).data("error", error)
                .data("action", "device");
    }

    private static Response html(int status, TemplateInstance instance) {
        return html(status, instance, null);
    }

    private static Response html(int status, TemplateInstance instance, String retryAfter) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Retry-After", retryAfter)
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .entity(instance.render()).build();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
