package io.promptsuite.auth.token;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.tenant.Tenant;
import io.promptsuite.auth.user.CredentialsChanged;
import io.promptsuite.auth.user.User;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.ApiKeyHashes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Logins as token families: a login starts a family, every refresh spends one token and adds the next, and a spent
 * token presented again kills the family, since either the client or a thief holds a copy.
 */
@ApplicationScoped
public class SessionService {

    @Inject
    AuthConfig config;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    RefreshRotation rotation;

    @Inject
    AuditLog audit;

    /** Starts a new family for a user who just proved who they are. */
    public TokenResponse start(User user, Tenant tenant, String clientId, String scope) {
        OffsetDateTime now = now();
        String refresh = QuarkusTransaction.joiningExisting().call(
                () -> store(UUID.randomUUID(), user, clientId, scope, now, now.plus(config.tokens().familyTtl())));
        return pair(user, tenant, clientId, scope, refresh);
    }

    /**
     * Rotates a refresh token: the old one is spent, a new one of the same family is returned with a fresh access token.
     * Spending, reading the owner and storing the successor are one statement (one round trip to the database).
     */
    public TokenResponse refresh(String presented, String expectedClientId) {
        if (presented == null || presented.isBlank()) {
            throw ApiException.unauthenticated("REFRESH_TOKEN_INVALID", "The refresh token is not valid");
        }
        String hash = ApiKeyHashes.sha256(presented);
        OffsetDateTime now = now();
        String next = OpaqueTokens.random();
        Optional<RefreshRotation.Rotated> rotated = rotation.rotate(hash, UUID.randomUUID(), ApiKeyHashes.sha256(next), now,
                now.plus(config.tokens().refreshTtl()), expectedClientId);
        if (rotated.isEmpty()) {
            throw refused(hash, now);
        }
        RefreshRotation.Rotated spent = rotated.get();
        if (!spent.stored()) {
            // A disabled owner, or a token presented by a client it wasn't issued to: the login ends.
            rotation.revokeFamily(spent.familyId(), now);
            throw refused(hash, now);
        }
        User owner = new User();
        owner.id = spent.userId();
        owner.tenantId = spent.tenantId();
        owner.role = spent.role();
        owner.platformAdmin = spent.platformAdmin();
        owner.disabled = spent.disabled();
        String access = accessTokens.issue(new TokenSubject(owner.id.toString(), spent.tenantId(), spent.tenantSlug(),
                owner.roles(), spent.scope(), spent.clientId()));
        return new TokenResponse(access, next, "Bearer", accessTokens.lifetimeSeconds(), spent.scope());
    }

    /** Ends the family of the given refresh token; unknown tokens are ignored (the caller's goal is met either way). */
    public void logout(String presented) {
        endFamilyOf(presented, token -> true);
    }

    /**
     * RFC 7009 §2.1: ends the family of a refresh token only when it was issued to {@code clientId}. Anything else (a
     * token of another client, an access token, an unknown string) is left alone, and the caller answers 200 all the
     * same: a client learns nothing about tokens that aren't its own.
     */
    public void revoke(String presented, String clientId) {
        endFamilyOf(presented, token -> token.clientId.equals(clientId));
    }

    private void endFamilyOf(String presented, Predicate<RefreshToken> mayEnd) {
        if (presented == null || presented.isBlank()) {
            return;
        }
        OffsetDateTime now = now();
        QuarkusTransaction.requiringNew().run(() -> refreshTokens.findByHash(ApiKeyHashes.sha256(presented)).filter(mayEnd)
                .ifPresent(token -> {
                    refreshTokens.revokeFamily(token.familyId, now);
                    audit.record(token.tenantId, AuditType.LOGOUT, token.userId.toString(), null, token.userId.toString(), null);
                }));
    }

    /** Runs in the transaction that changed the user, so the logins end exactly when the change commits. */
    void onCredentialsChanged(@Observes CredentialsChanged change) {
        if (change.why().endsSessions()) {
            refreshTokens.revokeAllOfUser(change.userId(), now());
        }
    }

    /** What introspection says about a refresh token. */
    public Optional<RefreshToken> active(String presented) {
        OffsetDateTime now = now();
        return refreshTokens.findByHash(ApiKeyHashes.sha256(presented))
                .filter(t -> t.usedAt == null && t.revokedAt == null && t.expiresAt.isAfter(now) && t.familyExpiresAt.isAfter(now));
    }

    private ApiException refused(String hash, OffsetDateTime now) {
        Optional<RefreshToken> known = QuarkusTransaction.requiringNew().call(() -> refreshTokens.findByHash(hash));
        if (known.isEmpty()) {
            return ApiException.unauthenticated("REFRESH_TOKEN_INVALID", "The refresh token is not valid");
        }
        RefreshToken token = known.get();
        if (token.revokedAt != null) {
            return ApiException.unauthenticated("REFRESH_TOKEN_REVOKED", "This login has ended; sign in again");
        }
        if (token.usedAt != null) {
            QuarkusTransaction.requiringNew().run(() -> refreshTokens.revokeFamily(token.familyId, now));
            audit.record(token.tenantId, AuditType.REFRESH_TOKEN_REUSED, token.userId.toString(), null,
                    token.userId.toString(), Map.of("family", token.familyId.toString(), "client_id", token.clientId));
            return ApiException.unauthenticated("REFRESH_TOKEN_REUSED",
                    "This refresh token was already used; every token of this login is now revoked");
        }
        return ApiException.unauthenticated("REFRESH_TOKEN_EXPIRED", "The refresh token has expired; sign in again");
    }

    private String store(UUID familyId, User user, String clientId, String scope, OffsetDateTime now, OffsetDateTime familyExpiresAt) {
        String value = OpaqueTokens.random();
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.tokenHash = ApiKeyHashes.sha256(value);
        token.userId = user.id;
        token.tenantId = user.tenantId;
        token.clientId = clientId;
        token.scope = scope;
        token.expiresAt = min(now.plus(config.tokens().refreshTtl()), familyExpiresAt);
        token.familyExpiresAt = familyExpiresAt;
        refreshTokens.persist(token);
        return value;
    }

    private TokenResponse pair(User user, Tenant tenant, String clientId, String scope, String refresh) {
        String access = accessTokens.issue(new TokenSubject(user.id.toString(), tenant.id, tenant.slug, user.roles(), scope, clientId));
        return new TokenResponse(access, refresh, "Bearer", accessTokens.lifetimeSeconds(), scope);
    }

    @Scheduled(every = "1h", delayed = "5m")
    void forgetOldTokens() {
        QuarkusTransaction.requiringNew().run(() -> refreshTokens.deleteExpired(now().minusDays(7)));
    }

    private static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
