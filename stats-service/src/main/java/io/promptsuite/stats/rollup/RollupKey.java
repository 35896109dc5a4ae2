package io.promptsuite.stats.rollup;

import java.time.Instant;
import java.util.UUID;

/** The primary key of a row of rollup_minute, rollup_hour or rollup_day: its tenant, UTC bucket start and dimensions. */
public record RollupKey(UUID tenant, Instant bucket, String prompt, int version, String label, String model) {
}
