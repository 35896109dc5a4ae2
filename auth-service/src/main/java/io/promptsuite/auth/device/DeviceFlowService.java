package io.promptsuite.auth.device;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.tenant.Tenant;
import io.promptsuite.auth.tenant.TenantRepository;
import io.promptsuite.auth.token.OpaqueTokens;
import io.promptsuite.auth.token.SessionService;
import io.promptsuite.auth.token.TokenResponse;
import io.promptsuite.auth.user.User;
import io.promptsuite.auth.user.UserRepository;
import io.promptsuite.common.security.ApiKeyHashes;
import io.promptsuite.common.security.AuthVerificationConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 8628: a device asks for a code, a person approves it in a browser, the device polls for its tokens. */
@ApplicationScoped
public class DeviceFlowService {

    /** What the device is told at the start (RFC 8628 §3.2). */
    @Schema(name = "DeviceAuthorizationStarted",
            description = "RFC 8628 §3.2: the codes, and where the person approves.")
    public record Started(String deviceCode, String userCode, String verificationUri, String verificationUriComplete,
            long expiresIn, int interval) {
    }

    @Inject
    AuthConfig config;

    @Inject
    AuthVerificationConfig verification;

    @Inject
    DeviceAuthorizationRepository repository;

    @Inject
    UserRepository users;

    @Inject
    TenantRepository tenants;

    @Inject
    SessionService sessions;

    @Inject
    AuditLog audit;

    public Started start(OAuthClient client, String scope) {
        String deviceCode = OpaqueTokens.random();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Duration ttl = config.device().codeTtl();
        String userCode = QuarkusTransaction.requiringNew().call(() -> {
            String code;
            do {
                code = UserCodes.generate(OpaqueTokens.rng());
            } while (repository.findPendingByUserCode(code, now).isPresent());
            DeviceAuthorization authorization = new DeviceAuthorization();
            authorization.id = UUID.randomUUID();
            authorization.deviceCodeHash = ApiKeyHashes.sha256(deviceCode);
            authorization.userCode = code;
            authorization.clientId = client.clientId();
            authorization.scope = scope;
            authorization.status = DeviceAuthorization.PENDING;
            authorization.intervalSeconds = config.device().intervalSeconds();
            authorization.expiresAt = now.plus(ttl);
            repository.persist(authorization);
            return code;
        });
        String uri = verificationUri();
        return new Started(deviceCode, UserCodes.display(userCode), uri,
                uri + "?user_code=" + UserCodes.display(userCode), ttl.toSeconds(), config.device().intervalSeconds());
    }

    /** One poll of the device (RFC 8628 §3.4, §3.5). */
    public TokenResponse poll(OAuthClient client, String deviceCode) {
        if (deviceCode == null || deviceCode.isBlank()) {
            throw OAuthException.invalidRequest("device_code is required");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        DeviceAuthorization authorization = QuarkusTransaction.requiringNew()
                .call(() -> repository.findByDeviceCodeHash(ApiKeyHashes.sha256(deviceCode)))
                .filter(found -> found.clientId.equals(client.clientId()))
                .orElseThrow(() -> OAuthException.invalidGrant("Unknown device_code"));
        if (DeviceAuthorization.CONSUMED.equals(authorization.status)) {
            throw OAuthException.invalidGrant("This device_code was already used");
        }
        if (!authorization.expiresAt.isAfter(now)) {
            throw new OAuthException(400, "expired_token", "The device code has expired; start again");
        }
        boolean tooSoon = authorization.lastPolledAt != null
                && authorization.lastPolledAt.plusSeconds(authorization.intervalSeconds).isAfter(now);
        QuarkusTransaction.requiringNew().run(() -> repository.recordPoll(authorization.id, now, tooSoon));
        switch (authorization.status) {
            case DeviceAuthorization.DENIED -> throw new OAuthException(400, "access_denied", "The request was denied");
            case DeviceAuthorization.PENDING -> throw tooSoon
                    ? new OAuthException(400, "slow_down", "Polling too fast; wait " + (authorization.intervalSeconds + 5) + " s")
                    : new OAuthException(400, "authorization_pending", "Waiting for approval");
            default -> {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!repository.consume(authorization.id)) {
                        throw OAuthException.invalidGrant("This device_code was already used");
                    }
                    User user = users.findById(authorization.userId);
                    Tenant tenant = tenants.findById(authorization.tenantId);
                    if (user == null || user.disabled) {
                        throw OAuthException.invalidGrant("The approving user can no longer sign in");
                    }
                    return sessions.start(user, tenant, client.clientId(), authorization.scope);
                });
            }
        }
    }

    /** The pending authorization behind a code a person typed, if it is still waiting. */
    public Optional<DeviceAuthorization> pending(String typedCode) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return UserCodes.normalize(typedCode)
                .flatMap(code -> QuarkusTransaction.requiringNew().call(() -> repository.findPendingByUserCode(code, now)));
    }

    public boolean decide(UUID authorizationId, boolean approve, User user) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean decided = QuarkusTransaction.requiringNew().call(() -> repository.decide(authorizationId,
                approve ? DeviceAuthorization.APPROVED : DeviceAuthorization.DENIED, user.id, user.tenantId, now));
        if (decided) {
            audit.record(user.tenantId, approve ? AuditType.DEVICE_APPROVED : AuditType.DEVICE_DENIED, user.id.toString(),
                    user.email, authorizationId.toString(), Map.of());
        }
        return decided;
    }

    public String verificationUri() {
        return config.device().verificationUri().orElse(verification.issuer() + "/oauth/device");
    }

    @Scheduled(every = "10m", delayed = "2m")
    void forgetExpired() {
        QuarkusTransaction.requiringNew().run(
                () -> repository.deleteExpired(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)));
    }
}
