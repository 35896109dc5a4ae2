package io.promptsuite.auth.user;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.paging.Paging;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.password.PasswordHasher;
import io.promptsuite.auth.password.PasswordPolicy;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.RateLimiter;
import io.promptsuite.common.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Users of one tenant. Every lookup is by (tenant, id): another tenant's user is simply not found. */
@ApplicationScoped
public class UserService {

    @Inject
    UserRepository users;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy policy;

    @Inject
    AuditLog audit;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    @Inject
    RateLimiter limiter;

    @Inject
    AuthConfig config;

    /** Hashes outside the transaction (it takes a while), then writes the user and its audit event together. */
    public User create(UUID tenantId, String email, String password, String role, boolean platformAdmin, Caller actor) {
        Interactive.require(actor, "Creating users");
        String normalized = normalizeEmail(email);
        checkRole(role);
        policy.check("password", password, normalized);
        String hash = hasher.hash(password);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                User user = insert(tenantId, normalized, hash, role, platformAdmin);
                users.flush();
                audit.record(tenantId, AuditType.USER_CREATED, actorId(actor), null, user.id.toString(), Map.of("role", role));
                return user;
            });
        } catch (PersistenceException e) {
            // Two creates of one email at once: the unique constraint decides, the loser hears what the check says.
            throw emailTaken();
        }
    }

    private User insert(UUID tenantId, String email, String hash, String role, boolean platformAdmin) {
        if (users.findByEmail(tenantId, email).isPresent()) {
            throw emailTaken();
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.tenantId = tenantId;
        user.email = email;
        user.passwordHash = hash;
        user.role = role;
        user.platformAdmin = platformAdmin;
        // PostgreSQL keeps microseconds: the creating answer says what a later GET says.
        user.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        user.updatedAt = user.createdAt;
        users.persist(user);
        return user;
    }

    @Transactional
    public Page<User> list(UUID tenantId, PageParams page, String role) {
        var query = role == null
                ? users.find("tenantId", Sort.by("email").and("id"), tenantId)
                : users.find("tenantId = ?1 and role = ?2", Sort.by("email").and("id"), tenantId, role);
        return Paging.page(query, page);
    }

    @Transactional
    public User get(UUID tenantId, UUID userId) {
        return users.findInTenant(tenantId, userId)
                .orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "No such user"));
    }

    @Transactional
    public User changeRole(UUID tenantId, UUID userId, String role, Caller actor) {
        Interactive.require(actor, "Changing roles");
        checkRole(role);
        users.lockTenant(tenantId);
        User user = get(tenantId, userId);
        protectPlatformAdmin(user, actor, "demote");
        if (user.role.equals(role)) {
            return user;
        }
        if (Roles.ADMIN.equals(user.role) && !user.disabled && users.countAdmins(tenantId) <= 1) {
            throw ApiException.conflict("LAST_ADMIN", "The tenant's last admin keeps the admin role");
        }
        String before = user.role;
        user.role = role;
        user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        audit.record(tenantId, AuditType.USER_ROLE_CHANGED, actorId(actor), null, user.id.toString(),
                Map.of("from", before, "to", role));
        credentialsChanged.fire(new CredentialsChanged(user.id, tenantId, CredentialsChanged.Why.ROLE_CHANGED));
        return user;
    }

    @Transactional
    public User setDisabled(UUID tenantId, UUID userId, boolean disabled, Caller actor) {
        Interactive.require(actor, disabled ? "Disabling users" : "Enabling users");
        users.lockTenant(tenantId);
        User user = get(tenantId, userId);
        if (disabled && user.id.toString().equals(actor.userId())) {
            throw ApiException.conflict("CANNOT_DISABLE_SELF", "You cannot disable your own account");
        }
        protectPlatformAdmin(user, actor, disabled ? "disable" : "enable");
        if (disabled && !user.disabled && Roles.ADMIN.equals(user.role) && users.countAdmins(tenantId) <= 1) {
            throw ApiException.conflict("LAST_ADMIN", "The tenant's last admin cannot be disabled");
        }
        if (disabled && !user.disabled && user.platformAdmin) {
            keepOnePlatformAdmin("disabled");
        }
        if (user.disabled != disabled) {
            user.disabled = disabled;
            user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            audit.record(tenantId, disabled ? AuditType.USER_DISABLED : AuditType.USER_ENABLED, actorId(actor), null,
                    user.id.toString(), null);
            credentialsChanged.fire(new CredentialsChanged(user.id, tenantId,
                    disabled ? CredentialsChanged.Why.DISABLED : CredentialsChanged.Why.ENABLED));
        }
        return user;
    }

    @Transactional
    public void delete(UUID tenantId, UUID userId, Caller actor) {
        Interactive.require(actor, "Deleting users");
        users.lockTenant(tenantId);
        User user = get(tenantId, userId);
        if (user.id.toString().equals(actor.userId())) {
            throw ApiException.conflict("CANNOT_DELETE_SELF", "You cannot delete your own account");
        }
        protectPlatformAdmin(user, actor, "delete");
        if (Roles.ADMIN.equals(user.role) && !user.disabled && users.countAdmins(tenantId) <= 1) {
            throw ApiException.conflict("LAST_ADMIN", "The tenant's last admin cannot be deleted");
        }
        if (user.platformAdmin && !user.disabled) {
            keepOnePlatformAdmin("deleted");
        }
        // Announced before the row goes, so the user's keys can still be found.
        credentialsChanged.fire(new CredentialsChanged(user.id, tenantId, CredentialsChanged.Why.DELETED));
        users.delete(user);
        audit.record(tenantId, AuditType.USER_DELETED, actorId(actor), null, user.id.toString(), Map.of("email", user.email));
    }

    /**
     * Grants or revokes platform-admin, for platform admins only. The user is found by id in any tenant: platform
     * admins act across tenants. Revoking ends the user's logins; the last platform admin keeps the role.
     */
    @Transactional
    public User setPlatformAdmin(UUID userId, boolean platformAdmin, Caller actor) {
        Interactive.require(actor, platformAdmin ? "Granting platform-admin" : "Revoking platform-admin");
        if (!actor.has(Roles.PLATFORM_ADMIN)) {
            throw ApiException.forbidden("Only platform admins grant or revoke platform-admin");
        }
        UUID tenantId = users.findByIdOptional(userId).map(u -> u.tenantId)
                .orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "No such user"));
        users.lockTenant(tenantId);
        users.lockPlatformAdmins();
        User user = get(tenantId, userId);
        users.getEntityManager().refresh(user);
        if (user.platformAdmin == platformAdmin) {
            return user;
        }
        if (!platformAdmin && !user.disabled) {
            keepOnePlatformAdmin("revoked");
        }
        user.platformAdmin = platformAdmin;
        user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (!platformAdmin) {
            credentialsChanged.fire(new CredentialsChanged(user.id, tenantId, CredentialsChanged.Why.PLATFORM_ADMIN_REVOKED));
        }
        // A platform-level event: readable by platform admins at /api/v1/audit-events/platform.
        audit.record(null, platformAdmin ? AuditType.PLATFORM_ADMIN_GRANTED : AuditType.PLATFORM_ADMIN_REVOKED,
                actorId(actor), null, user.id.toString(), Map.of("tenant_id", tenantId.toString()));
        return user;
    }

    /** Changing one's own password needs the current one and ends every other login. */
    public void changeOwnPassword(UUID tenantId, UUID userId, String current, String next) {
        // Counted before the hash is even looked at, so a stolen session can't guess the password at hashing speed.
        AuthConfig.RateLimits limits = config.rateLimits();
        limiter.takeOrThrow("auth", "password-change:" + userId,
                new RateLimiter.Limit(limits.passwordChanges(), limits.passwordChangesPeriod()),
                "TOO_MANY_PASSWORD_ATTEMPTS", "Too many password change attempts; try again later");
        User user = QuarkusTransaction.requiringNew().call(() -> get(tenantId, userId));
        if (!hasher.verify(current, user.passwordHash)) {
            throw new ApiException(400, "WRONG_PASSWORD", "The current password is wrong",
                    Map.of("fields", List.of(new FieldError("current_password", "is wrong"))));
        }
        policy.check("new_password", next, user.email);
        String hash = hasher.hash(next);
        QuarkusTransaction.requiringNew().run(() -> {
            User fresh = get(tenantId, userId);
            fresh.passwordHash = hash;
            fresh.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            audit.record(tenantId, AuditType.PASSWORD_CHANGED, userId.toString(), null, userId.toString(), null);
            credentialsChanged.fire(new CredentialsChanged(userId, tenantId, CredentialsChanged.Why.PASSWORD_CHANGED));
        });
    }

    /** A tenant admin can never disable, demote or delete a platform admin; only another platform admin can. */
    private static void protectPlatformAdmin(User user, Caller actor, String action) {
        if (user.platformAdmin && !actor.has(Roles.PLATFORM_ADMIN)) {
            throw new ApiException(403, "PLATFORM_ADMIN_PROTECTED", "Only a platform admin can " + action + " a platform admin");
        }
    }

    /** Refuses a change that would leave the platform with no active platform admin; serialised across tenants. */
    private void keepOnePlatformAdmin(String what) {
        users.lockPlatformAdmins();
        if (users.countPlatformAdmins() <= 1) {
            throw ApiException.conflict("LAST_PLATFORM_ADMIN", "The last platform admin cannot be " + what);
        }
    }

    private static ApiException emailTaken() {
        return ApiException.conflict("EMAIL_TAKEN", "A user with this email already exists in the tenant");
    }

    public static String normalizeEmail(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (!normalized.matches("[^@\\s]{1,64}@[^@\\s]{1,189}") || normalized.length() > 254) {
            throw ApiException.invalidField("email", "must be an email address");
        }
        return normalized;
    }

    private static void checkRole(String role) {
        if (!Roles.isTenantRole(role)) {
            throw ApiException.invalidField("role", "must be one of admin, editor, viewer");
        }
    }

    private static String actorId(Caller actor) {
        return actor == null ? null : actor.userId();
    }
}
