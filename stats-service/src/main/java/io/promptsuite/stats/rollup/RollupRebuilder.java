package io.promptsuite.stats.rollup;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Rebuilds the rollups of a range exactly from the raw events. */
@ApplicationScoped
public class RollupRebuilder {

    /**
     * Replaces every rollup row of {@code [from, to)} (widened to whole UTC days) with one computed from the raw
     * events, for one tenant or, with {@code tenant} null, for all.
     */
    public void rebuild(UUID tenant, Instant from, Instant to) {
        throw new UnsupportedOperationException("not built yet");
    }
}
