package io.promptsuite.prompt.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.prompt.CacheConfig;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptRepository;
import io.promptsuite.prompt.label.Label;
import io.promptsuite.prompt.label.LabelRepository;
import io.promptsuite.prompt.version.VersionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Prompt heads (label → version map, visibility) in three layers: this process, Redis, PostgreSQL. Writers overwrite
 * the Redis copy after commit and announce the change; readers fill Redis only where nothing is there yet, so a
 * reader that loaded before a change can never overwrite the writer's fresh copy.
 */
@ApplicationScoped
public class PromptHeadCache {

    @Inject
    CacheConfig config;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    @Inject
    RedisLink link;

    @Inject
    ObjectMapper json;

    @Inject
    PromptRepository prompts;

    @Inject
    LabelRepository labels;

    @Inject
    VersionRepository versions;

    private Cache<String, PromptHead> local;
    /** Bumped on every invalidation: a load that raced with one is not kept. */
    private final AtomicLong generation = new AtomicLong();
    private final Object[] refreshLocks = Stream.generate(Object::new).limit(64).toArray();

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void init() {
        local = Caffeine.newBuilder().maximumSize(config.maxHeads()).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, local, "prompt_heads");
    }

    /** The head if this process holds a copy it can trust; never does I/O. */
    public PromptHead peek(UUID tenantId, String name) {
        return link.inSync() ? local.getIfPresent(key(tenantId, name)) : null;
    }

    public Optional<PromptHead> get(UUID tenantId, String name) {
        String key = key(tenantId, name);
        if (!link.inSync()) {
            return Optional.ofNullable(load(tenantId, name, key));
        }
        long seen = generation.get();
        // One load per key at a time: a burst of requests for a cold prompt waits for the first instead of piling on.
        PromptHead head = local.get(key, k -> load(tenantId, name, k));
        if (head != null && generation.get() != seen) {
            // A change was announced while loading: what we loaded may predate it.
            local.invalidate(key);
        }
        return Optional.ofNullable(head);
    }

    private PromptHead load(UUID tenantId, String name, String key) {
        PromptHead head = fromRedis(key);
        if (head == null) {
            head = fromDatabase(tenantId, name);
            if (head != null) {
                toRedis(key, head, true);
            }
        }
        return head;
    }

    /**
     * After a committed change: the Redis copy is replaced with the truth, the local one dropped. Refreshes of one
     * prompt run one at a time: two writers commit one after the other (the row lock), but their refreshes could
     * otherwise interleave, and the first one's read, taken before the second commit, would be written over the
     * second one's (a deleted prompt's head put back).
     */
    public Optional<PromptHead> refresh(UUID tenantId, String name) {
        String key = key(tenantId, name);
        synchronized (refreshLocks[Math.floorMod(key.hashCode(), refreshLocks.length)]) {
            invalidate(tenantId, name);
            PromptHead head = fromDatabase(tenantId, name);
            if (head == null) {
                if (link.up()) {
                    try {
                        redis.key().del(redisKey(key));
                    } catch (Exception e) {
                        link.callFailed(e);
                    }
                }
            } else {
                toRedis(key, head, false);
            }
            return Optional.ofNullable(head);
        }
    }

    public void invalidate(UUID tenantId, String name) {
        generation.incrementAndGet();
        local.invalidate(key(tenantId, name));
    }

    public void clearLocal() {
        generation.incrementAndGet();
        local.invalidateAll();
    }

    PromptHead fromDatabase(UUID tenantId, String name) {
        return QuarkusTransaction.requiringNew().call(() -> prompts.findLiveByName(tenantId, name).map(this::headOf).orElse(null));
    }

    /**
     * The head as PostgreSQL has it now, deleted prompts included: the one place that works out a prompt's labels
     * (by name) and newest published version. Needs a transaction.
     */
    public PromptHead headOf(Prompt prompt) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (Label label : labels.of(prompt.id)) {
            map.put(label.name, label.version);
        }
        return new PromptHead(prompt.id, prompt.tenantId, prompt.tenantSlug, prompt.name, prompt.description,
                List.copyOf(prompt.tags), prompt.visibility, Collections.unmodifiableMap(map),
                versions.latestPublished(prompt.id).orElse(null));
    }

    private PromptHead fromRedis(String key) {
        if (!link.up()) {
            return null;
        }
        try {
            String value = redis.value(String.class).get(redisKey(key));
            return value == null ? null : json.readValue(value, PromptHead.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        } catch (Exception e) {
            link.callFailed(e);
            return null;
        }
    }

    private void toRedis(String key, PromptHead head, boolean onlyIfAbsent) {
        if (!link.up()) {
            return;
        }
        try {
            SetArgs args = new SetArgs().ex(config.redisTtl());
            if (onlyIfAbsent) {
                args.nx();
            }
            redis.value(String.class).set(redisKey(key), json.writeValueAsString(head), args);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            link.callFailed(e);
        }
    }

    private String redisKey(String key) {
        return redisKeys.key("prompt", "head:" + key);
    }

    private static String key(UUID tenantId, String name) {
        return tenantId + "|" + name;
    }
}
