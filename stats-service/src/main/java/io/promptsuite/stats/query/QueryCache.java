package io.promptsuite.stats.query;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.promptsuite.stats.StatsConfig;
import io.promptsuite.stats.live.DataGenerations;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Answers kept briefly in process, keyed by the whole question and the tenant's data generation read BEFORE the
 * snapshot is taken: an ingest that commits later bumps the generation, so no reader ever gets an answer older than
 * the data it asked after. Each entry lives the TTL plus a random jitter of up to half of it, so answers computed
 * together don't expire together. Without a known generation (Redis down), or across all tenants, nothing is cached.
 */
@ApplicationScoped
public class QueryCache {

    private record Key(Object question, Scope scope, long generation) {
    }

    @Inject
    StatsConfig config;

    @Inject
    DataGenerations generations;

    private Cache<Key, Object> answers;

    @PostConstruct
    void init() {
        long ttl = config.query().cacheTtl().toNanos();
        answers = Caffeine.newBuilder().maximumSize(config.query().cacheMaxEntries())
                .expireAfter(new Expiry<Key, Object>() {
                    @Override
                    public long expireAfterCreate(Key key, Object value, long now) {
                        return ttl + ThreadLocalRandom.current().nextLong(ttl / 2 + 1);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Object value, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(Key key, Object value, long now, long current) {
                        return current;
                    }
                }).build();
    }

    @SuppressWarnings("unchecked")
    <T> T get(Object question, Scope scope, Supplier<T> compute) {
        if (scope.all() || config.query().cacheTtl().isZero()) {
            return compute.get();
        }
        OptionalLong generation = generations.current(scope.tenant());
        if (generation.isEmpty()) {
            return compute.get();
        }
        Key key = new Key(question, scope, generation.getAsLong());
        Object cached = answers.getIfPresent(key);
        if (cached != null) {
            return (T) cached;
        }
        T answer = compute.get();
        answers.put(key, answer);
        return answer;
    }
}
