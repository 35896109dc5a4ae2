package io.promptsuite.auth.device;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One RFC 8628 device authorization: a device waiting for a person to approve its user code. */
@Entity
@Table(name = "device_authorizations")
public class DeviceAuthorization {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String CONSUMED = "consumed";

    @Id
    public UUID id;

    @Column(name = "device_code_hash")
    public String deviceCodeHash;

    @Column(name = "user_code")
    public String userCode;

    @Column(name = "client_id")
    public String clientId;

    public String scope;

    public String status;

    @Column(name = "interval_seconds")
    public int intervalSeconds;

    @Column(name = "last_polled_at")
    public OffsetDateTime lastPolledAt;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
}
