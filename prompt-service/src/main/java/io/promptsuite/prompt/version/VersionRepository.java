package io.promptsuite.prompt.version;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class VersionRepository implements PanacheRepositoryBase<PromptVersion, UUID> {

    public Optional<PromptVersion> find(UUID promptId, int version) {
        return find("promptId = ?1 and version = ?2", promptId, version).firstResultOptional();
    }

    public List<PromptVersion> all(UUID promptId) {
        return list("promptId", Sort.by("version"), promptId);
    }

    public Optional<Integer> latestPublished(UUID promptId) {
        return find("promptId = ?1 and status = 'published'", Sort.by("version").descending(), promptId)
                .firstResultOptional().map(v -> v.version);
    }
}
