package io.promptsuite.auth.token;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One refresh token, stored as its hash. The tokens of one login form a family that dies together. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    public UUID id;

    public UUID familyId;

    public String tokenHash;

    public UUID userId;

    public UUID tenantId;

    public String clientId;

    public String scope;

    @Column(insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public OffsetDateTime expiresAt;

    public OffsetDateTime familyExpiresAt;

    public OffsetDateTime usedAt;

    public OffsetDateTime revokedAt;
}
