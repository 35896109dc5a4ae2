package io.promptsuite.common.security;

import io.promptsuite.common.error.CredentialRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bounds bursts of made-up {@code X-API-Key} values per source address. Only keys that turn out not valid are charged,
 * so a client with good keys never meets the limit; once a source has used up its budget its next unknown keys are
 * refused with 429 before any lookup. Without Redis the limit is skipped: valid keys must keep working, and the
 * negative caches still absorb repeats.
 */
@ApplicationScoped
public class UnknownApiKeys {

    static final String CODE = "TOO_MANY_UNKNOWN_API_KEYS";

    @Inject
    RateLimiter limiter;

    @Inject
    AuthVerificationConfig config;

    /** Throws the 429 when this source has presented too many unknown keys lately. */
    public void checkBeforeLookup(String source) {
        RateLimiter.Decision left = limiter.peek("auth", bucket(source), limit());
        if (!left.unavailable() && !left.allowed()) {
            throw CredentialRejectedException.retryLater(CODE, "Too many unknown API keys from this address; retry in "
                    + left.retryAfterSeconds() + " s", 429, left.retryAfterSeconds());
        }
    }

    /** Charges a key that was not valid to its source. */
    public void rejected(String source) {
        limiter.take("auth", bucket(source), limit());
    }

    private RateLimiter.Limit limit() {
        return new RateLimiter.Limit(config.unknownApiKeysPerSource(), config.unknownApiKeysPeriod());
    }

    private static String bucket(String source) {
        return "unknown-api-keys:" + (source == null ? "unknown-peer" : source);
    }
}
