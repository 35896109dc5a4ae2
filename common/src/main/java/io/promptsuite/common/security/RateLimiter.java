package io.promptsuite.common.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Token buckets in Redis, shared by every instance: one Lua script refills and takes in one atomic round trip, timed
 * by the Redis server's clock so instances with skewed clocks agree. A bucket holds {@code capacity} tokens and refills
 * completely over {@code period}; an idle bucket expires, which is the same as full.
 */
@ApplicationScoped
public class RateLimiter {

    /** How much a caller may do: {@code capacity} at once, refilled evenly over {@code period}. */
    public record Limit(int capacity, Duration period) {
    }

    /** The answer for one attempt; {@code retryAfterSeconds} is how long until a token is back (when refused). */
    public record Decision(boolean allowed, long retryAfterSeconds, boolean unavailable) {

        static final Decision UNAVAILABLE = new Decision(true, 0, true);

        /** A 429 in the common envelope, with Retry-After in the header and the details. */
        public ApiException refusal(String code, String message) {
            return new ApiException(429, code, message, Map.of("retry_after_seconds", retryAfterSeconds))
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
    }

    /**
     * KEYS[1] the bucket; ARGV capacity, period in ms, cost. A cost of 0 only looks (is there a token left?).
     * Returns {allowed, milliseconds until enough tokens are back}.
     */
    private static final String TAKE = """
            local capacity = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil or at == nil then tokens = capacity; at = now end
            local rate = capacity / period
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
            local need = math.max(cost, 1)
            if tokens < need then
              return {0, math.ceil((need - tokens) / rate)}
            end
            if cost > 0 then
              tokens = tokens - cost
              redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
              redis.call('PEXPIRE', KEYS[1], math.ceil(period))
            end
            return {1, 0}""";

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    /** Takes one token from {@code service:ratelimit:name}. */
    public Decision take(String service, String name, Limit limit) {
        return run(service, name, limit, 1);
    }

    /** Whether a token is left, without taking it: for limits that only charge failures. */
    public Decision peek(String service, String name, Limit limit) {
        return run(service, name, limit, 0);
    }

    /**
     * Takes a token and throws the 429 when none is left. Without Redis the attempt can't be counted: it fails closed
     * with a 503, like sign-in does, since these limits guard guessing.
     */
    public void takeOrThrow(String service, String name, Limit limit, String code, String message) {
        Decision decision = take(service, name, limit);
        if (decision.unavailable()) {
            throw new ApiException(503, "RATE_LIMIT_UNAVAILABLE", "This action is unavailable for a moment; retry shortly")
                    .withHeader("Retry-After", "5");
        }
        if (!decision.allowed()) {
            throw decision.refusal(code, message);
        }
    }

    private Decision run(String service, String name, Limit limit, int cost) {
        long periodMillis = Math.max(1, limit.period().toMillis());
        Response answer;
        try {
            answer = redis.execute("EVAL", TAKE, "1", redisKeys.key(service, "ratelimit:" + name),
                    String.valueOf(Math.max(1, limit.capacity())), String.valueOf(periodMillis), String.valueOf(cost));
        } catch (RuntimeException e) {
            return Decision.UNAVAILABLE;
        }
        List<Response> parts = List.of(answer.get(0), answer.get(1));
        boolean allowed = parts.get(0).toLong() == 1;
        long retryAfter = Math.max(1, (parts.get(1).toLong() + 999) / 1000);
        return new Decision(allowed, allowed ? 0 : retryAfter, false);
    }
}
