package io.promptsuite.auth.login;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.password.PasswordHasher;
import io.promptsuite.auth.tenant.Tenant;
import io.promptsuite.auth.tenant.TenantRepository;
import io.promptsuite.auth.user.User;
import io.promptsuite.auth.user.UserRepository;
import io.promptsuite.common.error.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks a (tenant, email, password) triple. Unknown emails and wrong passwords answer alike and take as long; a
 * disabled account is only named once its password was right.
 */
@ApplicationScoped
public class LoginService {

    /** An authenticated user together with the tenant they signed in to. */
    public record Authenticated(User user, Tenant tenant) {
    }

    @Inject
    TenantRepository tenants;

    @Inject
    UserRepository users;

    @Inject
    PasswordHasher hasher;

    @Inject
    Lockout lockout;

    @Inject
    AuditLog audit;

    @Inject
    SignInMetrics metrics;

    public Authenticated authenticate(String tenantSlug, String email, String password) {
        String normalizedEmail = email.trim().toLowerCase(Locale.ROOT);
        String source = audit.sourceAddress();
        Lockout.Slot slot;
        try {
            slot = lockout.takeSlot(tenantSlug, normalizedEmail, source);
        } catch (ApiException refused) {
            metrics.attempt(refused.status() == 429 ? SignInMetrics.Outcome.LOCKED : SignInMetrics.Outcome.UNAVAILABLE);
            if (refused.status() == 429) {
                metrics.lockedOut(refused.code());
                Optional<Tenant> tenant = QuarkusTransaction.requiringNew().call(() -> tenants.findBySlug(tenantSlug));
                audit.recordAlone(tenant.map(t -> t.id).orElse(null),
                        "SOURCE_LOCKED".equals(refused.code()) ? AuditType.SOURCE_LOCKED : AuditType.ACCOUNT_LOCKED,
                        null, normalizedEmail, normalizedEmail, Map.of("reason", refused.code()));
            }
            throw refused;
        }
        // Only a wrong password turns the slot into a failure; anything else (a full hash pool, an error) gives it back.
        Lockout.Outcome outcome = Lockout.Outcome.UNDECIDED;
        try {
            Optional<Tenant> tenant = QuarkusTransaction.requiringNew().call(() -> tenants.findBySlug(tenantSlug));
            Optional<User> user = tenant.flatMap(t -> QuarkusTransaction.requiringNew().call(() -> users.findByEmail(t.id, normalizedEmail)));
            boolean matches;
            try {
                matches = hasher.verify(password, user.map(u -> u.passwordHash).orElse(null));
            } catch (ApiException busy) {
                metrics.attempt(SignInMetrics.Outcome.UNAVAILABLE);
                throw busy;
            }
            outcome = matches && tenant.isPresent() ? Lockout.Outcome.RIGHT : Lockout.Outcome.WRONG;
            if (tenant.isEmpty()) {
                metrics.attempt(SignInMetrics.Outcome.UNKNOWN_TENANT);
                audit.recordAlone(null, AuditType.LOGIN_FAILED, null, normalizedEmail, tenantSlug, Map.of("reason", "unknown_tenant"));
                throw ApiException.unauthenticated("UNKNOWN_TENANT", "No tenant has that slug");
            }
            if (!matches) {
                metrics.attempt(SignInMetrics.Outcome.BAD_CREDENTIALS);
                audit.recordAlone(tenant.get().id, AuditType.LOGIN_FAILED, null, normalizedEmail, normalizedEmail,
                        Map.of("reason", "bad_credentials"));
                throw ApiException.unauthenticated("INVALID_CREDENTIALS", "Email or password is wrong");
            }
            User found = user.get();
            if (found.disabled) {
                metrics.attempt(SignInMetrics.Outcome.DISABLED);
                audit.recordAlone(tenant.get().id, AuditType.LOGIN_FAILED, found.id.toString(), normalizedEmail,
                        found.id.toString(), Map.of("reason", "disabled"));
                throw new ApiException(403, "USER_DISABLED", "This account is disabled");
            }
            metrics.attempt(SignInMetrics.Outcome.SUCCEEDED);
            audit.recordAlone(tenant.get().id, AuditType.LOGIN_SUCCEEDED, found.id.toString(), normalizedEmail,
                    found.id.toString(), null);
            return new Authenticated(found, tenant.get());
        } finally {
            lockout.release(slot, outcome);
        }
    }
}
