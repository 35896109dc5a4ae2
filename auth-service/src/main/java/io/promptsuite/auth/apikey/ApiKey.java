package io.promptsuite.auth.apikey;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A machine credential of one tenant with one role; only its hash and a short prefix are kept. */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    public UUID id;

    public UUID tenantId;

    public UUID createdBy;

    public String name;

    public String prefix;

    public String keyHash;

    public String role;

    public OffsetDateTime expiresAt;

    public OffsetDateTime lastUsedAt;

    public OffsetDateTime revokedAt;

    /** Set by the code that creates the row, so the answer to the creating request carries it too. */
    @Column(updatable = false)
    public OffsetDateTime createdAt;
}
