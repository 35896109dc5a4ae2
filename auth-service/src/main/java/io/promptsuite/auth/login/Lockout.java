package io.promptsuite.auth.login;

import java.util.Locale;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.common.security.ApiKeyHashes;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Counts wrong passwords per (tenant, email) and per source address in Redis; only wrong passwords count.
 *
 * <p>To keep the count atomic under parallel guesses, every check first takes an in-flight slot, and a check may start
 * only while {@code failures + in-flight < limit}: so even N wrong passwords arriving at once can't get more than
 * {@code limit} checks in. When the check ends the slot is given back, and only a wrong password turns it into a
 * failure. A correct password (or a check that never ran because the hash pool was full) leaves no trace, so a burst
 * of correct sign-ins can't lock an account or an address; beyond the in-flight bound they get a fast 503.
 *
 * <p>The same happens whether or not the account exists, so the lockout answers nothing about it.
 */
@ApplicationScoped
public class Lockout {

    /** How an attempt ended. */
    public enum Outcome {
        /** Wrong password, unknown email or tenant: counts toward the lockout. */
        WRONG,
        /** The password was right: the account's failures are forgiven. */
        RIGHT,
        /** Nothing was decided (hash pool full, an error): the slot is simply given back. */
        UNDECIDED
    }

    /** A slot held while one password is checked; {@link #release} it exactly once. */
    public record Slot(String accountFailures, String accountInFlight, String sourceFailures, String sourceInFlight) {
    }

    /**
     * KEYS: account failures, account in flight, source failures, source in flight.
     * ARGV: account limit, source limit, in-flight ttl ms.
     * Returns {0} taken, {1, ttl} account locked, {2, ttl} source locked, {3} too many checks in flight.
     */
    private static final String TAKE = """
            local af = tonumber(redis.call('GET', KEYS[1]) or '0')
            local sf = tonumber(redis.call('GET', KEYS[3]) or '0')
            if af >= tonumber(ARGV[1]) then return {1, redis.call('PTTL', KEYS[1])} end
            if sf >= tonumber(ARGV[2]) then return {2, redis.call('PTTL', KEYS[3])} end
            local ai = tonumber(redis.call('GET', KEYS[2]) or '0')
            local si = tonumber(redis.call('GET', KEYS[4]) or '0')
            if af + ai >= tonumber(ARGV[1]) or sf + si >= tonumber(ARGV[2]) then return {3, 0} end
            redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            redis.call('INCR', KEYS[4])
            redis.call('PEXPIRE', KEYS[4], ARGV[3])
            return {0, 0}""";

    /**
     * KEYS: as for TAKE. ARGV: outcome (WRONG, RIGHT, UNDECIDED), window ms.
     * Gives the in-flight slots back (never below zero) and records the outcome, in one step.
     */
    private static final String RELEASE = """
            for _, k in ipairs({KEYS[2], KEYS[4]}) do
              if tonumber(redis.call('GET', k) or '0') > 0 then redis.call('DECR', k) end
            end
            if ARGV[1] == 'WRONG' then
              for _, k in ipairs({KEYS[1], KEYS[3]}) do
                if redis.call('INCR', k) == 1 then redis.call('PEXPIRE', k, ARGV[2]) end
              end
            elseif ARGV[1] == 'RIGHT' then
              redis.call('DEL', KEYS[1])
            end
            return 0""";

    private static final Logger LOG = Logger.getLogger(Lockout.class);

    /** A check that never came back (a crashed instance) stops holding its slot after this long. */
    private static final long IN_FLIGHT_TTL_MILLIS = 30_000;

    @Inject
    AuthConfig config;

    @Inject
    RedisKeys redisKeys;

    @Inject
    RedisDataSource redis;

    /**
     * Takes an in-flight slot for the account and the source: 429 when either is locked, 503 {@code AUTH_BUSY} when
     * enough checks of it are already running that one more could pass the limit.
     */
    public Slot takeSlot(String tenantSlug, String email, String source) {
        String account = accountKey(tenantSlug, email);
        String from = sourceKey(source);
        Slot slot = new Slot(account, account + ":inflight", from, from + ":inflight");
        Response answer;
        try {
            answer = redis.execute("EVAL", TAKE, "4", slot.accountFailures(), slot.accountInFlight(), slot.sourceFailures(),
                    slot.sourceInFlight(), String.valueOf(config.lockout().maxFailures()),
                    String.valueOf(config.lockout().maxFailuresPerSource()), String.valueOf(IN_FLIGHT_TTL_MILLIS));
        } catch (RuntimeException e) {
            // Without Redis attempts can't be counted, so sign-in fails closed rather than allow unlimited guesses.
            LOG.warnf("Sign-in attempts can't be counted: %s", e.getClass().getSimpleName());
            throw new ApiException(503, "LOCKOUT_UNAVAILABLE", "Sign-in is unavailable for a moment; retry shortly")
                    .withHeader("Retry-After", "5");
        }
        long verdict = answer.get(0).toLong();
        if (verdict == 1) {
            throw locked("ACCOUNT_LOCKED", "Too many failed sign-ins for this account; try again later", answer.get(1).toLong());
        }
        if (verdict == 2) {
            throw locked("SOURCE_LOCKED", "Too many failed sign-ins from this address; try again later", answer.get(1).toLong());
        }
        if (verdict == 3) {
            throw new ApiException(503, "AUTH_BUSY", "Too many sign-ins for this account or address at once; retry in a moment")
                    .withHeader("Retry-After", "1");
        }
        return slot;
    }

    /** Ends an attempt. Never throws: the slots expire on their own if Redis can't be reached now. */
    public void release(Slot slot, Outcome outcome) {
        try {
            redis.execute("EVAL", RELEASE, "4", slot.accountFailures(), slot.accountInFlight(), slot.sourceFailures(),
                    slot.sourceInFlight(), outcome.name(), String.valueOf(config.lockout().window().toMillis()));
        } catch (RuntimeException e) {
            // The in-flight slots expire after IN_FLIGHT_TTL_MILLIS; a lost failure only makes the lockout later.
        }
    }

    private static ApiException locked(String code, String message, long ttlMillis) {
        long ttlSeconds = Math.max(1, ttlMillis / 1000);
        return new ApiException(429, code, message).withHeader("Retry-After", String.valueOf(ttlSeconds));
    }

    private String accountKey(String tenantSlug, String email) {
        String who = (tenantSlug == null ? "" : tenantSlug.toLowerCase(Locale.ROOT)) + "\n"
                + (email == null ? "" : email.toLowerCase(Locale.ROOT));
        return redisKeys.key("auth", "lockout:account:" + ApiKeyHashes.sha256(who));
    }

    private String sourceKey(String source) {
        return redisKeys.key("auth", "lockout:source:" + (source == null ? "unknown-peer" : source));
    }
}
