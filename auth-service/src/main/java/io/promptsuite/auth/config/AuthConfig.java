package io.promptsuite.auth.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything auth-service can be told; each setting is also an environment variable (AUTH_TOKENS_ACCESS_TTL, …). */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    Tokens tokens();

    Signing signing();

    Lockout lockout();

    Passwords passwords();

    Bootstrap bootstrap();

    Device device();

    ApiKeys apiKeys();

    RateLimits rateLimits();

    /** OAuth clients registered by configuration, by client id. Clients without a secret are public (the CLI). */
    Map<String, Client> clients();

    interface Tokens {
        /** The audience written into every access token. */
        @WithDefault("prompt-suite")
        String audience();

        @WithDefault("PT5M")
        Duration accessTtl();

        /** How long one refresh token may wait to be used. */
        @WithDefault("P1D")
        Duration refreshTtl();

        /** How long a login lasts in all, however often it is refreshed. */
        @WithDefault("P30D")
        Duration familyTtl();

        /** The resource-owner password grant at /oauth/token is off unless asked for (RFC 9700). */
        @WithDefault("false")
        boolean passwordGrantEnabled();
    }

    interface Signing {
        /** A PEM (PKCS#8) RSA private key to sign with, mounted from a secret. Without it keys are generated and kept in the database. */
        Optional<String> keyFile();

        /** PEM keys that signed before the current one, still published so their tokens verify until they expire. */
        Optional<List<String>> previousKeyFiles();

        /** How long a new key is published before it signs: at least one verifier JWKS cache period. */
        @WithDefault("PT5M")
        Duration publishAhead();

        /** The verifiers' JWKS cache period, which is also the JWKS response's max-age. */
        @WithDefault("PT5M")
        Duration verifierCachePeriod();

        @WithDefault("2048")
        int rsaKeySize();
    }

    interface Lockout {
        /** Failed logins per (tenant, email) before the account is locked for {@link #window()}. */
        @WithDefault("5")
        int maxFailures();

        /** Failed logins from one source address before it is locked out. */
        @WithDefault("30")
        int maxFailuresPerSource();

        @WithDefault("PT15M")
        Duration window();
    }

    interface Passwords {
        @WithDefault("12")
        int minLength();

        @WithDefault("128")
        int maxLength();

        /** Hashes computed at once; defaults to the number of cores. */
        Optional<Integer> hashingThreads();

        /** Hash requests allowed to wait; beyond it the login answers 503 at once. */
        @WithDefault("16")
        int hashingQueue();
    }

    interface Bootstrap {
        @WithDefault("default")
        String tenant();

        @WithDefault("admin@local")
        String email();

        /** From AUTH_BOOTSTRAP_PASSWORD; when absent a random password is generated and printed once. */
        Optional<String> password();
    }

    interface Device {
        @WithDefault("PT10M")
        Duration codeTtl();

        @WithDefault("5")
        int intervalSeconds();

        /** The page people open to approve a device, as the gateway exposes it; defaults to the issuer's /oauth/device. */
        Optional<String> verificationUri();
    }

    interface ApiKeys {
        /** Whether the last-used time is written at most once per this period, to keep the hot path read-only. */
        @WithDefault("PT1M")
        Duration lastUsedResolution();
    }

    /** Token buckets (shared by every instance through Redis) for what would otherwise be unlimited guessing. */
    interface RateLimits {
        /** Device authorization requests per (client, source address). */
        @WithDefault("10")
        int deviceAuthorizations();

        @WithDefault("PT10M")
        Duration deviceAuthorizationsPeriod();

        /** Sign-in attempts on the device verification page per source address, taken before anything is checked. */
        @WithDefault("10")
        int userCodeAttempts();

        @WithDefault("PT10M")
        Duration userCodeAttemptsPeriod();

        /** Current-password attempts on PUT /api/v1/users/me/password per user. */
        @WithDefault("5")
        int passwordChanges();

        @WithDefault("PT15M")
        Duration passwordChangesPeriod();
    }

    interface Client {
        /** A shared secret makes the client confidential (client_credentials, introspection). */
        Optional<String> secret();

        /** Grant types this client may use. */
        List<String> grantTypes();

        @WithDefault("service")
        List<String> scopes();

        /** The name people see on the device approval page. */
        Optional<String> name();
    }
}
