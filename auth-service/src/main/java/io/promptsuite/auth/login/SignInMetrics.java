package io.promptsuite.auth.login;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sign-in as operators watch it: {@code auth_sign_ins_total{outcome}} for every attempt (the API, the password grant
 * and the device page alike) and {@code auth_lockouts_total{scope}} for attempts refused by a lock.
 */
@ApplicationScoped
public class SignInMetrics {

    /** How an attempt ended. */
    public enum Outcome {
        SUCCEEDED, BAD_CREDENTIALS, UNKNOWN_TENANT, DISABLED, LOCKED, UNAVAILABLE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Inject
    MeterRegistry registry;

    void attempt(Outcome outcome) {
        Counter.builder("auth.sign_ins").description("Sign-in attempts by outcome").tag("outcome", outcome.tag())
                .register(registry).increment();
    }

    void lockedOut(String code) {
        Counter.builder("auth.lockouts").description("Sign-in attempts refused because the account or source is locked")
                .tag("scope", "SOURCE_LOCKED".equals(code) ? "source" : "account").register(registry).increment();
    }
}
