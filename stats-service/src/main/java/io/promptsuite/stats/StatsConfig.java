package io.promptsuite.stats;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** stats-service's settings; each overridable from the environment (STATS_…). */
@ConfigMapping(prefix = "stats")
public interface StatsConfig {

    Ingest ingest();

    Retention retention();

    Fold fold();

    Query query();

    interface Ingest {
        /** Events one batch may carry; more is a 413. */
        @WithDefault("1000")
        int maxBatch();

        /** How far in the future an event's started_at may lie (clock skew between callers and us). */
        @WithDefault("PT10M")
        Duration maxFutureSkew();

        /** Largest serialised metadata object per event, in bytes. */
        @WithDefault("4096")
        int maxMetadataBytes();
    }

    interface Retention {
        /** Days raw events are kept; older partitions are dropped, older events refused at ingest. */
        @WithDefault("90")
        int days();

        /** Days of partitions created ahead of today. */
        @WithDefault("7")
        int partitionsAhead();

        /** Days per-minute rollups are kept (hour and day rollups live as long as the raw events). */
        @WithDefault("14")
        int minuteRollupDays();

        /** How often partitions are created ahead and expired data deleted (also once at start, partitions only). */
        @WithDefault("1h")
        String maintenanceEvery();
    }

    interface Fold {
        /** How often pending events are folded into the rollups. */
        @WithDefault("2s")
        String every();

        /** Most pending events one fold transaction takes. */
        @WithDefault("20000")
        int maxEvents();
    }

    interface Query {
        /** How long a query answer is cached (a random jitter of up to half of it is added). */
        @WithDefault("PT5S")
        Duration cacheTtl();

        /** Largest range one query may span. */
        @WithDefault("P400D")
        Duration maxRange();

        /** Largest number of buckets one timeseries answer may hold. */
        @WithDefault("10000")
        int maxBuckets();

        // --- query package (stats-query) ---

        /** Longest a query's statement may run before it is cancelled and answered 503 QUERY_TIMEOUT. */
        @WithDefault("PT10S")
        Duration statementTimeout();

        /** Most groups (prompts, versions, models, labels) one summary answers; more is 422 TOO_MANY_GROUPS. */
        @WithDefault("10000")
        int maxGroups();

        /** Most answers kept in the in-process query cache. */
        @WithDefault("2000")
        int cacheMaxEntries();
    }

    // --- price (the price book's reload) ---

    Prices prices();

    interface Prices {
        /** How often each instance checks whether another one changed the price book, and reloads it if so. */
        @WithDefault("5s")
        String reloadCheckEvery();
    }

    // --- rollup (the folder and the rebuilder) ---
    Rollup rollup();

    interface Rollup {
        /** Fold transactions one scheduled run chains while more events are pending (the next run goes on). */
        @WithDefault("10")
        int maxFoldsPerRun();

        /** Longest one day's rebuild transaction may take before it is rolled back. */
        @WithDefault("PT10M")
        Duration rebuildDayTimeout();

        /** How often price changes become rebuilds; changes within one period are coalesced into one rebuild. */
        @WithDefault("2s")
        String priceRebuildEvery();
    }

    // --- live counters, data generations, OTLP and export (packages live, otlp, export) ---

    Live live();

    interface Live {
        /** How long one round trip to Redis for live counters or data generations may take before it counts as failed. */
        @WithDefault("250ms")
        Duration redisTimeout();

        /** After a failed round trip, how long those calls leave Redis alone (they skip it at once) before trying again. */
        @WithDefault("PT2S")
        Duration redisBackoff();
    }

    Otlp otlp();

    interface Otlp {
        /**
         * OTLP exports decoded at once on this instance. A body (up to the body limit, inflated) is parsed whole, so
         * this bounds the heap they take; an export beyond it waits a little, then hears 503 with Retry-After.
         */
        @WithDefault("4")
        int maxConcurrent();
    }
}
