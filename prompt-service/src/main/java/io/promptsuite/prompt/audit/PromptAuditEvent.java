package io.promptsuite.prompt.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "prompt_audit")
public class PromptAuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "prompt_id")
    public UUID promptId;

    @Column(name = "prompt_name")
    public String promptName;

    public String action;

    public Integer version;

    public String label;

    @Column(name = "actor_id")
    public String actorId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
