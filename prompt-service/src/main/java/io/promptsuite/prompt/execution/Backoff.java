package io.promptsuite.prompt.execution;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after the n-th failure in a row the relay waits between half and all of
 * initial·2^(n-1), capped at max. The jitter spreads instances out, so they don't all come back to a recovering
 * stats-service in the same second.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int failures;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** One more failure; answers how long to wait before the next attempt. */
    Duration failed() {
        failures++;
        long ceiling = max.toMillis();
        long delay = initial.toMillis();
        for (int i = 1; i < failures && delay < ceiling; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, ceiling);
        return Duration.ofMillis(delay / 2 + (long) (random.getAsDouble() * (delay - delay / 2)));
    }

    void succeeded() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
