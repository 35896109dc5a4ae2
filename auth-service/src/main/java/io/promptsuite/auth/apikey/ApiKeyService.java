package io.promptsuite.auth.apikey;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.tenant.Tenant;
import io.promptsuite.auth.tenant.TenantRepository;
import io.promptsuite.auth.token.OpaqueTokens;
import io.promptsuite.auth.paging.Paging;
import io.promptsuite.auth.user.Interactive;
import io.promptsuite.auth.user.User;
import io.promptsuite.auth.user.UserRepository;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.ApiKeyHashes;
import io.promptsuite.common.security.AuthVerificationConfig;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * API keys: {@code psk_} + an 8-character public prefix + 43 random characters. Shown once at creation, stored as a
 * SHA-256 hash. Every check reads the database, and revocations (and changes to the creator's power) are announced on
 * Redis so other services drop their short-lived caches at once.
 */
@ApplicationScoped
public class ApiKeyService {

    public static final String KEY_PREFIX = "psk_";

    /**
     * A verified key and who it acts for.
     *
     * @param role the key's role capped by its creator's current role: a key never carries more than its creator has
     */
    public record Verified(ApiKey key, Tenant tenant, String role) {
    }

    public record Created(ApiKey key, String secret) {
    }

    @Inject
    ApiKeyRepository keys;

    @Inject
    TenantRepository tenants;

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Inject
    AuthConfig config;

    @Inject
    AccessRevocations revocations;

    @Inject
    AuthVerificationConfig verification;

    /** Hashes of keys found unknown, revoked or expired, by hash, for a few seconds. */
    private Cache<String, Boolean> rejected;

    /** Beyond PostgreSQL's timestamp range a key could not be stored; a key living that long is no expiry at all. */
    private static final OffsetDateTime LATEST_EXPIRY = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);

    @PostConstruct
    void init() {
        rejected = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(verification.apiKeyNegativeCacheTtl()).build();
    }

    @Transactional
    public Created create(Caller caller, String name, String role, OffsetDateTime expiresAt) {
        Interactive.require(caller, "Creating API keys");
        if (!Roles.isTenantRole(role)) {
            throw invalid("role", "must be one of admin, editor, viewer");
        }
        if (!caller.has(role)) {
            throw ApiException.forbidden("A key cannot have a role above its creator's");
        }
        if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now())) {
            throw invalid("expires_at", "must be in the future");
        }
        if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
            throw invalid("expires_at", "must be before the year 10000");
        }
        String publicPart = OpaqueTokens.random(6).replace('-', 'x').replace('_', 'y');
        String secret = KEY_PREFIX + publicPart + "_" + OpaqueTokens.random();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = caller.tenant();
        key.createdBy = UUID.fromString(caller.userId());
        key.name = name;
        key.prefix = KEY_PREFIX + publicPart;
        key.keyHash = ApiKeyHashes.sha256(secret);
        key.role = role;
        key.expiresAt = expiresAt;
        // PostgreSQL keeps microseconds: the creating answer says what a later GET says.
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        keys.persist(key);
        audit.record(key.tenantId, AuditType.API_KEY_CREATED, caller.userId(), null, key.id.toString(),
                Map.of("name", name, "role", role, "prefix", key.prefix));
        return new Created(key, secret);
    }

    @Transactional
    public Page<ApiKey> list(UUID tenantId, PageParams page, boolean includeRevoked) {
        var query = includeRevoked
                ? keys.find("tenantId", Sort.by("createdAt").descending().and("id"), tenantId)
                : keys.find("tenantId = ?1 and revokedAt is null", Sort.by("createdAt").descending().and("id"), tenantId);
        return Paging.page(query, page);
    }

    /** A key of the tenant, revoked or not; another tenant's key is not found. */
    @Transactional
    public ApiKey get(UUID tenantId, UUID id) {
        return keys.findInTenant(tenantId, id)
                .orElseThrow(() -> ApiException.notFound("API_KEY_NOT_FOUND", "No such API key"));
    }

    /** Revokes a key, audits it in the same transaction, and announces it once that commits. Keys may revoke keys. */
    @Transactional
    public void revoke(Caller caller, UUID id) {
        ApiKey key = keys.findInTenant(caller.tenant(), id)
                .orElseThrow(() -> ApiException.notFound("API_KEY_NOT_FOUND", "No such API key"));
        if (key.revokedAt == null) {
            key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
            audit.record(key.tenantId, AuditType.API_KEY_REVOKED, caller.userId(), null, key.id.toString(),
                    Map.of("name", key.name, "prefix", key.prefix));
        }
        revocations.afterCommit(List.of(key.keyHash), null);
    }

    /** Whether the key was found unknown, revoked or expired moments ago. */
    public boolean knownInvalid(String secret) {
        return secret != null && rejected.getIfPresent(ApiKeyHashes.sha256(secret)) != null;
    }

    /**
     * The key's tenant and role if it is live; empty otherwise. Reads the database every time (so a demoted, disabled
     * or deleted creator counts at once), except for keys found unknown, revoked or expired moments ago: those stay
     * refused for {@code suite.auth.api-key-negative-cache-ttl} without a lookup, so a burst of bad keys costs little.
     */
    public Optional<Verified> verify(String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = ApiKeyHashes.sha256(secret);
        if (rejected.getIfPresent(hash) != null) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<ApiKey> live = keys.findByHash(hash)
                    .filter(key -> key.revokedAt == null && (key.expiresAt == null || key.expiresAt.isAfter(now)));
            if (live.isEmpty()) {
                // Revoked and expired keys never come back; unknown ones are random guesses.
                rejected.put(hash, Boolean.TRUE);
                return Optional.<Verified>empty();
            }
            ApiKey key = live.get();
            User creator = users.findById(key.createdBy);
            if (creator == null || creator.disabled || !creator.tenantId.equals(key.tenantId)) {
                return Optional.<Verified>empty();
            }
            keys.touch(key.id, now, now.minus(config.apiKeys().lastUsedResolution()));
            return Optional.of(new Verified(key, tenants.findById(key.tenantId), Roles.lower(key.role, creator.role)));
        });
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.invalidField(field, message);
    }
}
