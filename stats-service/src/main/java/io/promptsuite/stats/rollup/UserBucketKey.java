package io.promptsuite.stats.rollup;

import java.time.Instant;
import java.util.UUID;

/** The primary key of a row of rollup_user_hour. */
public record UserBucketKey(UUID tenant, Instant bucket, String userId) {
}
