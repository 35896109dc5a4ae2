package io.promptsuite.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.live.MissedMinutes;

/** Which live windows the counters are known to be short of, without a server. */
class LiveMissedMinutesTest {

    private static final java.util.UUID T = java.util.UUID.randomUUID();

    @Test
    void aWindowTouchingAMissedMinuteIsShortOthersAreNot() {
        MissedMinutes missed = new MissedMinutes();
        assertFalse(missed.touch(T, 100, 159, 0), "nothing missed yet");
        missed.add(T, 120, 121);
        missed.add(T, 130, 130);
        assertTrue(missed.touch(T, 100, 159, 0));
        assertTrue(missed.touch(T, 125, 125, 0), "the span between two misses counts too: one span is kept");
        assertTrue(missed.touch(T, 130, 140, 0));
        assertFalse(missed.touch(T, 131, 190, 0));
        assertFalse(missed.touch(T, 60, 119, 0));
        assertFalse(missed.touch(java.util.UUID.randomUUID(), 100, 159, 0), "another tenant's counters are whole");
    }

    @Test
    void missesOlderThanTheCountersLifetimeAreForgotten() {
        MissedMinutes missed = new MissedMinutes();
        missed.add(T, 120, 130);
        assertFalse(missed.touch(T, 100, 159, 131), "every missed minute has expired from Redis");
        assertFalse(missed.touch(T, 100, 159, 0), "and stays forgotten");
    }
}
