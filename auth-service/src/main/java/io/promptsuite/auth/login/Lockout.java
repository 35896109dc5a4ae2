package io.promptsuite.auth.login;

import java.util.Locale;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.common.security.ApiKeyHashes;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Counts sign-in attempts per (tenant, email) and per source address in Redis. An attempt takes its slot before the
 * password is checked (one atomic INCR), so parallel guesses can't slip past the limit; a success clears the account's
 * count. The same happens whether or not the account exists, so the lockout answers nothing about it.
 */
@ApplicationScoped
public class Lockout {

    /** Counts and sets the window on the first attempt, in one round trip. */
    private static final String TAKE_SLOT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""";

    @Inject
    AuthConfig config;

    @Inject
    RedisKeys redisKeys;

    private final RedisDataSource redis;
    private final KeyCommands<String> keys;

    @Inject
    public Lockout(RedisDataSource redis) {
        this.redis = redis;
        this.keys = redis.key();
    }

    /** Takes an attempt slot for the account and the source; throws 429 when either is used up. */
    public void takeSlot(String tenantSlug, String email, String source) {
        long window = config.lockout().window().toMillis();
        long sourceCount = source == null ? 0 : incr(sourceKey(source), window);
        long accountCount = incr(accountKey(tenantSlug, email), window);
        if (accountCount > config.lockout().maxFailures()) {
            throw locked("ACCOUNT_LOCKED", "Too many failed sign-ins for this account; try again later", accountKey(tenantSlug, email));
        }
        if (sourceCount > config.lockout().maxFailuresPerSource()) {
            throw locked("SOURCE_LOCKED", "Too many failed sign-ins from this address; try again later", sourceKey(source));
        }
    }

    /** A correct password frees the account's slots; the source count stays, so spraying many accounts still trips it. */
    public void succeeded(String tenantSlug, String email, String source) {
        try {
            keys.del(accountKey(tenantSlug, email));
            if (source != null) {
                redis.value(Long.class).decr(sourceKey(source));
            }
        } catch (RuntimeException e) {
            // The counts expire with their window; a success that couldn't clear them only delays the next lockout reset.
        }
    }

    /** Without Redis attempts can't be counted, so sign-in fails closed rather than allow unlimited guesses. */
    private long incr(String key, long windowMillis) {
        try {
            return redis.execute("EVAL", TAKE_SLOT, "1", key, String.valueOf(windowMillis)).toLong();
        } catch (RuntimeException e) {
            throw new ApiException(503, "LOCKOUT_UNAVAILABLE", "Sign-in is unavailable for a moment; retry shortly")
                    .withHeader("Retry-After", "5");
        }
    }

    private ApiException locked(String code, String message, String key) {
        long ttlSeconds = Math.max(1, keys.pttl(key) / 1000);
        return new ApiException(429, code, message).withHeader("Retry-After", String.valueOf(ttlSeconds));
    }

    private String accountKey(String tenantSlug, String email) {
        String who = (tenantSlug == null ? "" : tenantSlug.toLowerCase(Locale.ROOT)) + "\n"
                + (email == null ? "" : email.toLowerCase(Locale.ROOT));
        return redisKeys.key("auth", "lockout:account:" + ApiKeyHashes.sha256(who));
    }

    private String sourceKey(String source) {
        return redisKeys.key("auth", "lockout:source:" + source);
    }

}
