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
}
