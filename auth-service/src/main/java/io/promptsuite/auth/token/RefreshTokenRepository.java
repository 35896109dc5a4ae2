package io.promptsuite.auth.token;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    /** Each round waits for at most one rotation in flight; a handful covers any real race. */
    private static final int MAX_REVOKE_ROUNDS = 8;

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
        return untilNoneLeft(() -> update("revokedAt = ?2 where familyId = ?1 and revokedAt is null", familyId, now));
    }

    public int revokeAllOfUser(UUID userId, OffsetDateTime now) {
        return untilNoneLeft(() -> update("revokedAt = ?2 where userId = ?1 and revokedAt is null", userId, now));
    }

    /**
     * A rotation in flight when a revoke starts holds the presented token's row lock; the revoke waits, then revokes
     * that row, but the successor the rotation inserted is not in the revoke's snapshot and would stay live. Under
     * READ COMMITTED each statement takes a new snapshot, so repeating the update until it finds nothing catches
     * every successor that committed meanwhile (each repeat waits for at most one more rotation, which can't spend a
     * revoked token).
     */
    private static int untilNoneLeft(IntSupplier revoke) {
        int total = 0;
        for (int round = 0; round < MAX_REVOKE_ROUNDS; round++) {
            int revoked = revoke.getAsInt();
            total += revoked;
            if (revoked == 0) {
                break;
            }
        }
        return total;
    }

    public long deleteExpired(OffsetDateTime cutoff) {
        return delete("familyExpiresAt < ?1 or expiresAt < ?1", cutoff);
    }
}
