package io.promptsuite.prompt;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
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

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "tenant_slug")
    public String tenantSlug;

    public String name;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tags = new ArrayList<>();

    public String visibility;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    @Column(name = "last_version")
    public int lastVersion;
}
