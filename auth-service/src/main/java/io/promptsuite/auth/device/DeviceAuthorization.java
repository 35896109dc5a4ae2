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

    public String deviceCodeHash;

    public String userCode;

    public String clientId;

    public String scope;

    public String status;

    public int intervalSeconds;

    public OffsetDateTime lastPolledAt;

    public UUID userId;

    public UUID tenantId;

    @Column(insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public OffsetDateTime expiresAt;
}
