package io.promptsuite.auth.settings;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "user_settings")
public class UserSettings {

    @Id
    public UUID userId;

    public String theme;

    public String language;

    public String defaultModel;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> settingsData;

    public OffsetDateTime updatedAt;
}
