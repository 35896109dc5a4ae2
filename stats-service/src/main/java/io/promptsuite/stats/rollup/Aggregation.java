package io.promptsuite.stats.rollup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Events summed per rollup row: by UTC minute, hour and day per (prompt, version, label, model), and by UTC hour per
 * user. Memory grows with the number of distinct rows, not of events.
 */
final class Aggregation {

    final Map<RollupKey, RollupCell> minute = new HashMap<>();
    final Map<RollupKey, RollupCell> hour = new HashMap<>();
    final Map<RollupKey, RollupCell> day = new HashMap<>();
    final Map<UserBucketKey, RollupCell> userHour = new HashMap<>();

    /** Events older than this get no minute rows: retention drops those rows anyway, so writing them is waste. */
    private final Instant minuteCutoff;
    private long events;

    Aggregation(Instant minuteCutoff) {
        this.minuteCutoff = minuteCutoff;
    }

    void add(FoldRow row) {
        events++;
        Instant t = row.startedAt();
        if (!t.isBefore(minuteCutoff)) {
            cell(minute, key(row, t.truncatedTo(ChronoUnit.MINUTES))).add(row);
        }
        Instant hourStart = t.truncatedTo(ChronoUnit.HOURS);
        cell(hour, key(row, hourStart)).add(row);
        cell(day, key(row, t.truncatedTo(ChronoUnit.DAYS))).add(row);
        if (row.userId() != null) {
            cell(userHour, new UserBucketKey(row.tenant(), hourStart, row.userId())).add(row);
        }
    }

    long events() {
        return events;
    }

    private static RollupKey key(FoldRow row, Instant bucket) {
        return new RollupKey(row.tenant(), bucket, row.prompt(), row.version(), row.label(), row.model());
    }

    private static <K> RollupCell cell(Map<K, RollupCell> cells, K key) {
        return cells.computeIfAbsent(key, k -> new RollupCell());
    }
}
