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

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "created_by")
    public UUID createdBy;

    public String name;

    public String prefix;

    @Column(name = "key_hash")
    public String keyHash;

    public String role;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
