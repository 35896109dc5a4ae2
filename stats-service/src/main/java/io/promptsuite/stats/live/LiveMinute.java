package io.promptsuite.stats.live;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One UTC minute of a tenant's executions; every minute of the window is present, empty ones as zeros. */
public record LiveMinute(OffsetDateTime minute, long calls, long errors, long inputTokens, long outputTokens,
        BigDecimal cost) {

    static LiveMinute empty(OffsetDateTime minute) {
        return new LiveMinute(minute, 0, 0, 0, 0, BigDecimal.ZERO);
    }
}
