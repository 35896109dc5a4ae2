package io.promptsuite.stats.live;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The minutes whose Redis counters this instance knows to be short, per tenant: events it accepted while it could not
 * count them (Redis down, a timeout, a sum no counter holds). The live view answers from PostgreSQL for a window
 * touching them, so it never shows a count it knows is low. Kept per tenant as one span of minutes that ends when its
 * newest minute leaves the counters' lifetime.
 */
@ApplicationScoped
public class MissedMinutes {

    /** More tenants than this with missed minutes at once: forget the oldest knowledge rather than grow. */
    private static final int MAX_TENANTS = 10_000;

    private record Span(long first, long last) {
    }

    private final Map<UUID, Span> missed = new ConcurrentHashMap<>();

    public void add(UUID tenant, long firstMinute, long lastMinute) {
        if (missed.size() >= MAX_TENANTS && !missed.containsKey(tenant)) {
            missed.clear();
        }
        missed.merge(tenant, new Span(firstMinute, lastMinute),
                (old, add) -> new Span(Math.min(old.first(), add.first()), Math.max(old.last(), add.last())));
    }

    /** Whether some minute of [oldest, newest] lacks events of {@code tenant}; {@code expiredBefore}: minutes no longer kept. */
    public boolean touch(UUID tenant, long oldest, long newest, long expiredBefore) {
        Span s = missed.get(tenant);
        if (s != null && s.last() < expiredBefore) {
            missed.remove(tenant, s);
            return false;
        }
        return s != null && s.first() <= newest && s.last() >= oldest;
    }
}
