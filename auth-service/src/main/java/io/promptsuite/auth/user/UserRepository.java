package io.promptsuite.auth.user;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public Optional<User> findInTenant(UUID tenantId, UUID userId) {
        return find("tenantId = ?1 and id = ?2", tenantId, userId).firstResultOptional();
    }

    public Optional<User> findByEmail(UUID tenantId, String email) {
        return find("tenantId = ?1 and email = ?2", tenantId, email).firstResultOptional();
    }

    public long countAdmins(UUID tenantId) {
        return count("tenantId = ?1 and role = 'admin' and disabled = false", tenantId);
    }

    /**
     * Locks the tenant's row until the transaction ends: every change that could leave a tenant without an admin takes
     * it first, so two admins demoting each other at the same moment are decided one after the other, each counting
     * what the other committed.
     */
    public void lockTenant(UUID tenantId) {
        getEntityManager().createNativeQuery("select id from auth.tenants where id = ?1 for update")
                .setParameter(1, tenantId).getResultList();
    }

    /** Platform admins who can still act, across all tenants. */
    public long countPlatformAdmins() {
        return count("platformAdmin = true and disabled = false");
    }

    /**
     * Serialises every change that could remove a platform admin, whatever tenant they are in, until the transaction
     * ends (a PostgreSQL transaction-level advisory lock; taken after the tenant's row lock, never before).
     */
    public void lockPlatformAdmins() {
        getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(7346021)) as locked")
                .getSingleResult();
    }
}
