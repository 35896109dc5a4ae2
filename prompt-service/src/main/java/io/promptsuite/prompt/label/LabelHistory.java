package io.promptsuite.prompt.label;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Who moved a label, when, from which version to which, and why. */
@Entity
@Table(name = "label_history")
public class LabelHistory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "prompt_id")
    public UUID promptId;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String label;

    /** moved, removed, protected, unprotected */
    public String action;

    @Column(name = "from_version")
    public Integer fromVersion;

    @Column(name = "to_version")
    public Integer toVersion;

    public String reason;

    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
