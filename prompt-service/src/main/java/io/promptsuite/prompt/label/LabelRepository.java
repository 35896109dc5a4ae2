package io.promptsuite.prompt.label;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class LabelRepository implements PanacheRepositoryBase<Label, Label.Key> {

    public Optional<Label> find(UUID promptId, String name) {
        return find("promptId = ?1 and name = ?2", promptId, name).firstResultOptional();
    }

    public List<Label> of(UUID promptId) {
        return list("promptId", Sort.by("name"), promptId);
    }
}
