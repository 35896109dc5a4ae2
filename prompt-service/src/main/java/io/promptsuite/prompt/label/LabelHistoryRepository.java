package io.promptsuite.prompt.label;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class LabelHistoryRepository implements PanacheRepositoryBase<LabelHistory, Long> {
}
