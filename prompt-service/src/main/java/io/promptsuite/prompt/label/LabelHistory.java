package io.promptsuite.prompt.label;

import java.time.OffsetDateTime;
import java.util.UUID;

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

    public UUID promptId;

    public UUID tenantId;

    public String label;

    /** moved, removed, protected, unprotected */
    public String action;

    public Integer fromVersion;

    public Integer toVersion;

    public String reason;

    public String actorId;

    public OffsetDateTime createdAt;
}
