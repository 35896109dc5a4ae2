package io.promptsuite.prompt;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "prompts")
public class Prompt {

    public static final String PRIVATE = "private";
    public static final String TENANT = "tenant";
    public static final String PUBLIC = "public";

    @Id
    public UUID id;

    public UUID tenantId;

    public String tenantSlug;

    public String name;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tags = new ArrayList<>();

    public String visibility;

    public String createdBy;

    public OffsetDateTime createdAt;

    public OffsetDateTime updatedAt;

    public OffsetDateTime deletedAt;

    public int lastVersion;
}
