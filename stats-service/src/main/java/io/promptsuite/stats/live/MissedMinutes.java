package io.promptsuite.stats.live;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The minutes whose Redis counters this instance knows to be short: events it accepted while it could not count
 * them (Redis down, a timeout). The live view answers from PostgreSQL for a window touching them, so it never shows a
 * count it knows is low. Kept as one span of minutes that ends when its newest minute leaves the counters' lifetime.
 */
@ApplicationScoped
public class MissedMinutes {

    private record Span(long first, long last) {
    }

    private final AtomicReference<Span> missed = new AtomicReference<>();

    public void add(long firstMinute, long lastMinute) {
        missed.accumulateAndGet(new Span(firstMinute, lastMinute),
                (old, add) -> old == null ? add : new Span(Math.min(old.first(), add.first()), Math.max(old.last(), add.last())));
    }

    /** Whether some minute of [oldest, newest] lacks events here; {@code expiredBefore}: minutes no longer kept. */
    public boolean touch(long oldest, long newest, long expiredBefore) {
        Span s = missed.get();
        if (s != null && s.last() < expiredBefore) {
            missed.compareAndSet(s, null);
            return false;
        }
        return s != null && s.first() <= newest && s.last() >= oldest;
    }
}
