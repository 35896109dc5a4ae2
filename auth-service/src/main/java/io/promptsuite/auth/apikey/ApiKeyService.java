package io.promptsuite.auth.apikey;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.tenant.Tenant;
import io.promptsuite.auth.tenant.TenantRepository;
import io.promptsuite.auth.token.OpaqueTokens;
import io.promptsuite.auth.user.User;
import io.promptsuite.auth.user.UserRepository;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.common.security.ApiKeyHashes;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * API keys: {@code psk_} + an 8-character public prefix + 43 random characters. Shown once at creation, stored as a
 * SHA-256 hash. Every check reads the database, and revocations are announced on Redis so other services drop their
 * short-lived caches at once.
 */
@ApplicationScoped
public class ApiKeyService {

    public static final String KEY_PREFIX = "psk_";
    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    /** A verified key and who it acts for. */
    public record Verified(ApiKey key, Tenant tenant) {
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
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    @Transactional
    public Created create(Caller caller, String name, String role, OffsetDateTime expiresAt) {
        if (!Roles.isTenantRole(role)) {
            throw invalid("role", "must be one of admin, editor, viewer");
        }
        if (!caller.has(role)) {
            throw ApiException.forbidden("A key cannot have a role above its creator's");
        }
        if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now())) {
            throw invalid("expires_at", "must be in the future");
        }
        String publicPart = OpaqueTokens.random(6).replace('-', 'x').replace('_', 'y');
        String secret = KEY_PREFIX + publicPart + "_" + OpaqueTokens.random();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = UUID.fromString(caller.tenantId());
        key.createdBy = UUID.fromString(caller.userId());
        key.name = name;
        key.prefix = KEY_PREFIX + publicPart;
        key.keyHash = ApiKeyHashes.sha256(secret);
        key.role = role;
        key.expiresAt = expiresAt;
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
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    public void revoke(Caller caller, UUID id) {
        ApiKey key = QuarkusTransaction.requiringNew().call(() -> {
            ApiKey found = keys.findInTenant(UUID.fromString(caller.tenantId()), id)
                    .orElseThrow(() -> ApiException.notFound("API_KEY_NOT_FOUND", "No such API key"));
            if (found.revokedAt == null) {
                found.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
            return found;
        });
        announceRevocation(key.keyHash);
        audit.record(key.tenantId, AuditType.API_KEY_REVOKED, caller.userId(), null, key.id.toString(),
                Map.of("name", key.name, "prefix", key.prefix));
    }

    /** The key's tenant and role if it is live; empty otherwise. Reads the database every time. */
    public Optional<Verified> verify(String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew().call(() -> keys.findByHash(ApiKeyHashes.sha256(secret))
                .filter(key -> key.revokedAt == null && (key.expiresAt == null || key.expiresAt.isAfter(now)))
                .flatMap(key -> {
                    User creator = users.findById(key.createdBy);
                    if (creator == null || creator.disabled) {
                        return Optional.empty();
                    }
                    keys.touch(key.id, now, now.minus(config.apiKeys().lastUsedResolution()));
                    return Optional.of(new Verified(key, tenants.findById(key.tenantId)));
                }));
    }

    private void announceRevocation(String keyHash) {
        try {
            redis.pubsub(String.class).publish(redisKeys.key("auth", ApiKeyHashes.REVOCATION_CHANNEL), keyHash);
        } catch (RuntimeException e) {
            // Caches elsewhere expire within seconds anyway; the database already says revoked.
            LOG.warnf("Could not announce an API key revocation on Redis: %s", e.getClass().getSimpleName());
        }
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.invalidField(field, message);
    }
}
