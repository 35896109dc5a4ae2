package io.promptsuite.auth.tenant;

import java.util.Map;
import java.util.UUID;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.paging.Paging;
import io.promptsuite.auth.password.PasswordHasher;
import io.promptsuite.auth.password.PasswordPolicy;
import io.promptsuite.auth.user.User;
import io.promptsuite.auth.user.UserRepository;
import io.promptsuite.auth.user.UserService;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Tenants and their first admin, created together or not at all. */
@ApplicationScoped
public class TenantService {

    public static final String SLUG_PATTERN = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

    public record Created(Tenant tenant, User admin) {
    }

    @Inject
    TenantRepository tenants;

    @Inject
    UserRepository users;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy policy;

    @Inject
    AuditLog audit;

    public Created create(String slug, String name, String adminEmail, String adminPassword, String actorId,
            boolean adminIsPlatformAdmin) {
        if (slug == null || !slug.matches(SLUG_PATTERN)) {
            throw ApiException.invalidField("slug", "lower-case letters, digits and inner hyphens, at most 63");
        }
        String email = UserService.normalizeEmail(adminEmail);
        policy.check("admin_password", adminPassword, email);
        String hash = hasher.hash(adminPassword);
        Created created = QuarkusTransaction.requiringNew().call(() -> {
            if (tenants.findBySlug(slug).isPresent()) {
                throw ApiException.conflict("TENANT_EXISTS", "A tenant with this slug already exists");
            }
            Tenant tenant = new Tenant();
            tenant.id = UUID.randomUUID();
            tenant.slug = slug;
            tenant.name = name;
            // PostgreSQL keeps microseconds: the creating answer says what a later GET says.
            tenant.createdAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            tenants.persist(tenant);
            User admin = new User();
            admin.id = UUID.randomUUID();
            admin.tenantId = tenant.id;
            admin.email = email;
            admin.passwordHash = hash;
            admin.role = Roles.ADMIN;
            admin.platformAdmin = adminIsPlatformAdmin;
            admin.createdAt = tenant.createdAt;
            admin.updatedAt = tenant.createdAt;
            users.persist(admin);
            tenants.flush();
            audit.record(tenant.id, AuditType.TENANT_CREATED, actorId, null, tenant.id.toString(), Map.of("slug", slug));
            return new Created(tenant, admin);
        });
        return created;
    }

    @Transactional
    public Page<Tenant> list(PageParams page) {
        var query = tenants.findAll(Sort.by("slug"));
        return Paging.page(query, page);
    }

    @Transactional
    public Tenant get(UUID id) {
        Tenant tenant = tenants.findById(id);
        if (tenant == null) {
            throw ApiException.notFound("TENANT_NOT_FOUND", "No such tenant");
        }
        return tenant;
    }
}
