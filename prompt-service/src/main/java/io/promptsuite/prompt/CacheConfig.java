package io.promptsuite.prompt;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "prompt.cache")
public interface CacheConfig {

    /** Prompt heads kept in process. */
    @WithDefault("50000")
    long maxHeads();

    /** Compiled published versions kept in process; they never change, so they never expire. */
    @WithDefault("20000")
    long maxVersions();

    /** How long Redis keeps a prompt head nobody asked for. */
    @WithDefault("PT1H")
    Duration redisTtl();

    /** How often Redis and the change subscription are checked, and re-established after an outage. */
    @WithDefault("PT2S")
    Duration redisCheckEvery();
}
