package io.promptsuite.prompt.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    public UUID tenantId;

    public UUID promptId;

    public String promptName;

    public String action;

    public Integer version;

    public String label;

    public String actorId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;

    public OffsetDateTime createdAt;
}
