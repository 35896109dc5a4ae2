package io.promptsuite.auth.device;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeviceAuthorizationRepository implements PanacheRepositoryBase<DeviceAuthorization, UUID> {

    public Optional<DeviceAuthorization> findByDeviceCodeHash(String hash) {
        return find("deviceCodeHash", hash).firstResultOptional();
    }

    public Optional<DeviceAuthorization> findPendingByUserCode(String userCode, OffsetDateTime now) {
        return find("userCode = ?1 and status = 'pending' and expiresAt > ?2", userCode, now).firstResultOptional();
    }

    /** Records a poll; a poll sooner than the interval also lengthens it by 5 s (RFC 8628 §3.5 slow_down). */
    public void recordPoll(UUID id, OffsetDateTime now, boolean tooSoon) {
        update(tooSoon ? "lastPolledAt = ?2, intervalSeconds = intervalSeconds + 5 where id = ?1" : "lastPolledAt = ?2 where id = ?1",
                id, now);
    }

    /** Moves pending to approved or denied; false when someone else decided first or the code expired. */
    public boolean decide(UUID id, String status, UUID userId, UUID tenantId, OffsetDateTime now) {
        return update("status = ?2, userId = ?3, tenantId = ?4 where id = ?1 and status = 'pending' and expiresAt > ?5",
                id, status, userId, tenantId, now) == 1;
    }

    /** Hands the tokens out exactly once. */
    public boolean consume(UUID id) {
        return update("status = 'consumed' where id = ?1 and status = 'approved'", id) == 1;
    }

    public long deleteExpired(OffsetDateTime cutoff) {
        return delete("expiresAt < ?1", cutoff);
    }
}
