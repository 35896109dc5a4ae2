package io.promptsuite.auth.settings;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserSettingsRepository implements PanacheRepositoryBase<UserSettings, UUID> {
}
