package io.promptsuite.common.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Redis is shared by the services (and by test runs on one machine), so every key and channel is written as
 * {@code <prefix><service>:<name>}. The prefix is empty in production; each test run sets its own.
 */
@ConfigMapping(prefix = "suite.redis")
public interface RedisKeys {

    /** Put before every key and channel name; {@code ./suite test} sets one per run so runs never meet. */
    @WithDefault("none")
    String keyPrefix();

    /** The full name of a key or channel: {@code key("auth", "lockout:…")}. */
    default String key(String service, String name) {
        String prefix = "none".equals(keyPrefix()) ? "" : keyPrefix();
        return prefix + service + ":" + name;
    }
}
