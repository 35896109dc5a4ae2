package io.promptsuite.stats.live;

import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A counter per tenant (and one for all) that moves whenever the tenant's numbers may have changed: a cached query
 * answer is served only while the generation it was computed at is still current, on every instance.
 */
@ApplicationScoped
public class DataGenerations {

    /** After an ingest committed new events of {@code tenant}. */
    public void bump(UUID tenant) {
    }

    /** After a rebuild or a price change that may touch every tenant. */
    public void bumpAll() {
    }

    /** The current generation of {@code tenant}; empty when it can't be known (Redis down): then nothing is cached. */
    public OptionalLong current(UUID tenant) {
        return OptionalLong.empty();
    }
}
