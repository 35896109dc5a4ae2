package io.promptsuite.common.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service reports its Redis link in readiness. */
@ConfigMapping(prefix = "suite.health.redis")
public interface RedisHealthConfig {

    /** How long a PING may take before Redis counts as down for this check. */
    @WithDefault("500ms")
    Duration timeout();

    /** What stops working while Redis is down, in the service's own words (shown in the health details). */
    @WithDefault("nothing: Redis is only a cache here")
    String degrades();
}
