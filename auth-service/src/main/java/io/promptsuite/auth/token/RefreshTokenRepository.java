package io.promptsuite.auth.token;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Optional<RefreshToken> findByHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    /**
     * Spends a token in one conditional update: of several requests presenting it at once, exactly one sees 1.
     */
    public int spend(String hash, OffsetDateTime now) {
        return update("usedAt = ?2 where tokenHash = ?1 and usedAt is null and revokedAt is null and expiresAt > ?2 "
                + "and familyExpiresAt > ?2", hash, now);
    }

    public int revokeFamily(UUID familyId, OffsetDateTime now) {
        return update("revokedAt = ?2 where familyId = ?1 and revokedAt is null", familyId, now);
    }

    public int revokeAllOfUser(UUID userId, OffsetDateTime now) {
        return update("revokedAt = ?2 where userId = ?1 and revokedAt is null", userId, now);
    }

    public long deleteExpired(OffsetDateTime cutoff) {
        return delete("familyExpiresAt < ?1 or expiresAt < ?1", cutoff);
    }
}
