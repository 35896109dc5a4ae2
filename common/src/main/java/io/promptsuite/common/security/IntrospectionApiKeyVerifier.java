package io.promptsuite.common.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.CredentialRejectedException;
import io.promptsuite.common.redis.RedisKeys;
import io.quarkus.arc.DefaultBean;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
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

    /** Verified keys by hash, each trusted for {@code suite.auth.api-key-cache-ttl} at most. */
    private Cache<String, Caller> cache;

    /**
     * Hashes auth-service called not valid, remembered for {@code suite.auth.api-key-negative-cache-ttl}: a client
     * repeating a bad key costs no introspection call each time. A new key can't be in here (keys are random).
     */
    private Cache<String, Boolean> rejected;

    @Inject
    AuthVerificationConfig config;

    @Inject
    Introspection introspection;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    @Inject
    MeterRegistry metrics;

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.apiKeyCacheTtl()).recordStats().build();
        rejected = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.apiKeyNegativeCacheTtl()).recordStats().build();
        // cache_gets_total{cache="api_keys",result="hit"|"miss"} and friends: the hit ratio of the key check.
        CaffeineCacheMetrics.monitor(metrics, cache, "api_keys");
        CaffeineCacheMetrics.monitor(metrics, rejected, "api_keys_rejected");
    }

    void listenForRevocations(@Observes StartupEvent event) {
        redis.pubsub(String.class).subscribe(redisKeys.key("auth", ApiKeyHashes.REVOCATION_CHANNEL), cache::invalidate)
                .subscribe().with(ignored -> {
                }, failure -> LOG.warnf("Not listening for API key revocations (%s); cached keys expire after %s",
                        failure.getClass().getSimpleName(), config.apiKeyCacheTtl()));
    }

    @Override
    public Caller cached(String apiKey) {
        return cache.getIfPresent(ApiKeyHashes.sha256(apiKey));
    }

    @Override
    public boolean knownInvalid(String apiKey) {
        return rejected.getIfPresent(ApiKeyHashes.sha256(apiKey)) != null;
    }

    @Override
    public Caller verify(String apiKey) {
        String hash = ApiKeyHashes.sha256(apiKey);
        Caller known = cache.getIfPresent(hash);
        if (known != null) {
            return known;
        }
        if (rejected.getIfPresent(hash) != null) {
            throw CredentialRejectedException.of("API_KEY_INVALID", "The API key is not valid");
        }
        Map<String, Object> answer;
        Timer.Sample call = Timer.start(metrics);
        try {
            answer = introspection.apiKey(apiKey);
        } catch (ApiException e) {
            call.stop(introspectionTimer("refused"));
            throw CredentialRejectedException.of(e.code(), e.getMessage(), e.status());
        } catch (RuntimeException e) {
            call.stop(introspectionTimer("unavailable"));
            // auth-service unreachable, slow, or its circuit open: say so rather than call the key bad.
            LOG.warnf("API key introspection failed: %s", e.getClass().getSimpleName());
            throw CredentialRejectedException.of("AUTH_UNAVAILABLE", "API keys can't be checked right now; retry shortly", 503);
        }
        boolean active = Boolean.TRUE.equals(answer.get("active"));
        call.stop(introspectionTimer(active ? "active" : "inactive"));
        if (!active) {
            rejected.put(hash, Boolean.TRUE);
        }
        Caller caller = toCaller(answer);
        cache.put(hash, caller);
        return caller;
    }

    /** suite_introspection_seconds{outcome=…}: how long auth-service takes to check a key, by its answer. */
    private Timer introspectionTimer(String outcome) {
        return Timer.builder("suite.introspection").description("API-key introspection calls to auth-service")
                .tag("outcome", outcome).publishPercentileHistogram().register(metrics);
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
