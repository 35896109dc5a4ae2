package io.promptsuite.prompt.cache;

import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.promptsuite.prompt.CacheConfig;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.PublishedVersion;
import io.promptsuite.prompt.version.VersionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Published versions never change, so each is read from PostgreSQL once per process and kept. */
@ApplicationScoped
public class PublishedVersions {

    @Inject
    CacheConfig config;

    @Inject
    VersionRepository versions;

    private Cache<String, PublishedVersion> cache;

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder().maximumSize(config.maxVersions()).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, "published_versions");
    }

    /** The version if already in memory; never does I/O. */
    public PublishedVersion peek(UUID promptId, int version) {
        return cache.getIfPresent(promptId + ":" + version);
    }

    public Optional<PublishedVersion> get(UUID promptId, int version) {
        String key = promptId + ":" + version;
        PublishedVersion cached = cache.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<PublishedVersion> loaded = QuarkusTransaction.requiringNew().call(() -> versions.find(promptId, version)
                .filter(PromptVersion::published).map(PublishedVersion::of));
        loaded.ifPresent(v -> cache.put(key, v));
        return loaded;
    }
}
