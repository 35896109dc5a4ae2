package io.promptsuite.common.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.promptsuite.common.error.CredentialRejectedException;
import io.promptsuite.common.redis.RedisKeys;
import io.quarkus.arc.DefaultBean;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Checks API keys with auth-service's introspection endpoint and trusts an answer for a few seconds at most.
 * auth-service also announces revocations on Redis, which drop the cached entry at once.
 */
@DefaultBean
@ApplicationScoped
public class IntrospectionApiKeyVerifier implements ApiKeyVerifier {

    private static final Logger LOG = Logger.getLogger(IntrospectionApiKeyVerifier.class);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Caller caller, long expiresAtNanos) {
    }

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    @Inject
    AuthVerificationConfig config;

    @Inject
    Introspection introspection;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    void listenForRevocations(@Observes StartupEvent event) {
        redis.pubsub(String.class).subscribe(redisKeys.key("auth", ApiKeyHashes.REVOCATION_CHANNEL), cache::remove)
                .subscribe().with(ignored -> {
                }, failure -> LOG.warnf("Not listening for API key revocations (%s); cached keys expire after %s",
                        failure.getClass().getSimpleName(), config.apiKeyCacheTtl()));
    }

    @Override
    public Caller cached(String apiKey) {
        Entry entry = cache.get(ApiKeyHashes.sha256(apiKey));
        return entry != null && entry.expiresAtNanos() > System.nanoTime() ? entry.caller() : null;
    }

    @Override
    public Caller verify(String apiKey) {
        String hash = ApiKeyHashes.sha256(apiKey);
        Entry entry = cache.get(hash);
        if (entry != null && entry.expiresAtNanos() > System.nanoTime()) {
            return entry.caller();
        }
        Caller caller = toCaller(introspection.apiKey(apiKey));
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(hash, new Entry(caller, System.nanoTime() + config.apiKeyCacheTtl().toNanos()));
        return caller;
    }

    private static Caller toCaller(Map<String, Object> answer) {
        if (!Boolean.TRUE.equals(answer.get("active"))) {
            throw CredentialRejectedException.of("API_KEY_INVALID", "The API key is not valid");
        }
        List<String> roles = new ArrayList<>();
        if (answer.get("groups") instanceof List<?> list) {
            list.forEach(r -> roles.add(String.valueOf(r)));
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (answer.get("scope") instanceof String scope && !scope.isBlank()) {
            scopes.addAll(List.of(scope.trim().split("\\s+")));
        }
        return new Caller(str(answer.get("sub")), str(answer.get("tid")), str(answer.get("tenant")), roles, scopes,
                str(answer.get("client_id")), Caller.Via.API_KEY, str(answer.get("key_id")));
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

}
