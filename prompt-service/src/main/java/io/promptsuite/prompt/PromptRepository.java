package io.promptsuite.prompt;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    /**
     * Locks the prompt row ({@code SELECT … FOR UPDATE}) and re-reads it: version numbering, label moves and field
     * changes of one prompt happen one at a time, each on the state the previous writer committed. A plain
     * {@code find(id, PESSIMISTIC_WRITE)} would lock but keep the copy this transaction read before waiting, so a
     * writer that queued behind another would hand out the same version number again or write stale fields back.
     * Pending changes of this transaction are flushed first so the re-read can't drop them.
     */
    public Prompt lock(UUID id) {
        EntityManager em = getEntityManager();
        Prompt prompt = em.find(Prompt.class, id);
        if (prompt == null) {
            return null;
        }
        em.flush();
        em.refresh(prompt, LockModeType.PESSIMISTIC_WRITE);
        return prompt;
    }
}
