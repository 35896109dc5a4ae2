package io.promptsuite.auth.apikey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    public Optional<ApiKey> findByHash(String hash) {
        return find("keyHash", hash).firstResultOptional();
    }

    public Optional<ApiKey> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /** Hashes of the keys a user created that still work (not revoked); expired ones are harmless either way. */
    public List<String> liveHashesCreatedBy(UUID userId) {
        return getEntityManager()
                .createQuery("select k.keyHash from ApiKey k where k.createdBy = ?1 and k.revokedAt is null", String.class)
                .setParameter(1, userId).getResultList();
    }

    public void touch(UUID id, OffsetDateTime now, OffsetDateTime staleBefore) {
        update("lastUsedAt = ?2 where id = ?1 and (lastUsedAt is null or lastUsedAt < ?3)", id, now, staleBefore);
    }
}
