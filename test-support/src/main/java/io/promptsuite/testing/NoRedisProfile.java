package io.promptsuite.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A service whose Redis is unreachable (a closed port, short timeouts): what each service does when Redis is down. */
public class NoRedisProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "300ms");
    }
}
