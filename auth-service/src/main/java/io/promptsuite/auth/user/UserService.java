package io.promptsuite.auth.user;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.password.PasswordHasher;
import io.promptsuite.auth.password.PasswordPolicy;
import io.promptsuite.auth.token.SessionService;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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
    SessionService sessions;

    @Inject
    AuditLog audit;

    /** Hashes outside the transaction (it takes a while), then writes. */
    public User create(UUID tenantId, String email, String password, String role, boolean platformAdmin, Caller actor) {
        String normalized = normalizeEmail(email);
        checkRole(role);
        policy.check("password", password, normalized);
        String hash = hasher.hash(password);
        User user = insert(tenantId, normalized, hash, role, platformAdmin);
        audit.record(tenantId, AuditType.USER_CREATED, actorId(actor), null, user.id.toString(), Map.of("role", role));
        return user;
    }

    @Transactional
    User insert(UUID tenantId, String email, String hash, String role, boolean platformAdmin) {
        if (users.findByEmail(tenantId, email).isPresent()) {
            throw ApiException.conflict("EMAIL_TAKEN", "A user with this email already exists in the tenant");
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.tenantId = tenantId;
        user.email = email;
        user.passwordHash = hash;
        user.role = role;
        user.platformAdmin = platformAdmin;
        user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        users.persist(user);
        return user;
    }

    @Transactional
    public Page<User> list(UUID tenantId, PageParams page, String role) {
        var query = role == null
                ? users.find("tenantId", Sort.by("email").and("id"), tenantId)
                : users.find("tenantId = ?1 and role = ?2", Sort.by("email").and("id"), tenantId, role);
        List<User> items = query.page(page.page, page.size).list();
        return new Page<>(items, page.page, page.size, query.count());
    }

    @Transactional
    public User get(UUID tenantId, UUID userId) {
        return users.findInTenant(tenantId, userId)
                .orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "No such user"));
    }

    @Transactional
    public User changeRole(UUID tenantId, UUID userId, String role, Caller actor) {
        checkRole(role);
        User user = get(tenantId, userId);
        if (user.role.equals(role)) {
            return user;
        }
        if (Roles.ADMIN.equals(user.role) && !user.disabled && users.countAdmins(tenantId) <= 1) {
            throw ApiException.conflict("LAST_ADMIN", "The tenant's last admin keeps the admin role");
        }
        String before = user.role;
        user.role = role;
        user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        sessions.endAllSessions(user.id);
        audit.record(tenantId, AuditType.USER_ROLE_CHANGED, actorId(actor), null, user.id.toString(),
                Map.of("from", before, "to", role));
        return user;
    }

    @Transactional
    public User setDisabled(UUID tenantId, UUID userId, boolean disabled, Caller actor) {
        User user = get(tenantId, userId);
        if (disabled && user.id.toString().equals(actor.userId())) {
            throw ApiException.conflict("CANNOT_DISABLE_SELF", "You cannot disable your own account");
        }
        if (disabled && !user.disabled && Roles.ADMIN.equals(user.role) && users.countAdmins(tenantId) <= 1) {
            throw ApiException.conflict("LAST_ADMIN", "The tenant's last admin cannot be disabled");
        }
        if (user.disabled != disabled) {
            user.disabled = disabled;
            user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            if (disabled) {
                sessions.endAllSessions(user.id);
            }
            audit.record(tenantId, disabled ? AuditType.USER_DISABLED : AuditType.USER_ENABLED, actorId(actor), null,
                    user.id.toString(), null);
        }
        return user;
    }

    @Transactional
    public void delete(UUID tenantId, UUID userId, Caller actor) {
        User user = get(tenantId, userId);
        if (user.id.toString().equals(actor.userId())) {
            throw ApiException.conflict("CANNOT_DELETE_SELF", "You cannot delete your own account");
        }
        if (Roles.ADMIN.equals(user.role) && !user.disabled && users.countAdmins(tenantId) <= 1) {
            throw ApiException.conflict("LAST_ADMIN", "The tenant's last admin cannot be deleted");
        }
        users.delete(user);
        audit.record(tenantId, AuditType.USER_DELETED, actorId(actor), null, user.id.toString(), Map.of("email", user.email));
    }

    /** Changing one's own password needs the current one and ends every other login. */
    public void changeOwnPassword(UUID tenantId, UUID userId, String current, String next) {
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
            sessions.endAllSessions(userId);
        });
        audit.record(tenantId, AuditType.PASSWORD_CHANGED, userId.toString(), null, userId.toString(), null);
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
