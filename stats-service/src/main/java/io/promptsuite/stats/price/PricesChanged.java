package io.promptsuite.stats.price;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired (CDI, after commit) when a price entry is added, changed or removed: costs of events from {@code from} on,
 * of {@code tenant} (null: every tenant, a change to the default book), are stale and must be recomputed.
 */
public record PricesChanged(UUID tenant, Instant from) {
}
