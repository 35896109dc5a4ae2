package io.promptsuite.auth.settings;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "user_settings")
public class UserSettings {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    public String theme;

    public String language;

    @Column(name = "default_model")
    public String defaultModel;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "settings_data")
    public Map<String, Object> settingsData;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
