package io.promptsuite.prompt.prompt;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class PromptRepository implements PanacheRepositoryBase<Prompt, UUID> {

    /** Any prompt of the tenant with this name, deleted or not. */
    public Optional<Prompt> findByName(UUID tenantId, String name) {
        return find("tenantId = ?1 and name = ?2", tenantId, name).firstResultOptional();
    }

    public Optional<Prompt> findLiveByName(UUID tenantId, String name) {
        return find("tenantId = ?1 and name = ?2 and deletedAt is null", tenantId, name).firstResultOptional();
    }

    public Optional<Prompt> findPublic(String tenantSlug, String name) {
        return find("tenantSlug = ?1 and name = ?2 and visibility = 'public' and deletedAt is null", tenantSlug, name)
                .firstResultOptional();
    }

    /** Locks the prompt row: version numbering and label moves of one prompt happen one at a time. */
    public Prompt lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
