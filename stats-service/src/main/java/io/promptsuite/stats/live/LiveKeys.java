package io.promptsuite.stats.live;

import java.util.UUID;

import io.promptsuite.common.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The live package's Redis keys, under the run's prefix (common's {@link RedisKeys}). */
@ApplicationScoped
public class LiveKeys {

    static final String CALLS = "calls";
    static final String ERRORS = "errors";
    static final String INPUT_TOKENS = "input_tokens";
    static final String OUTPUT_TOKENS = "output_tokens";
    /** Cost in pico-USD (10^-12), the precision of the events' cost column, so sums are exact integers. */
    static final String COST_PICO_USD = "cost_pusd";

    @Inject
    RedisKeys keys;

    /** The hash of one tenant's counters in one UTC minute ({@code epochMinute} = epoch seconds / 60). */
    public String minute(UUID tenant, long epochMinute) {
        return keys.key("stats", "live:" + tenant + ":" + epochMinute);
    }

    public String generation(UUID tenant) {
        return keys.key("stats", "gen:" + tenant);
    }

    public String generationOfAll() {
        return keys.key("stats", "gen:all");
    }
}
