package io.promptsuite.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.live.MissedMinutes;

/** Which live windows the counters are known to be short of, without a server. */
class LiveMissedMinutesTest {

    @Test
    void aWindowTouchingAMissedMinuteIsShortOthersAreNot() {
        MissedMinutes missed = new MissedMinutes();
        assertFalse(missed.touch(100, 159, 0), "nothing missed yet");
        missed.add(120, 121);
        missed.add(130, 130);
        assertTrue(missed.touch(100, 159, 0));
        assertTrue(missed.touch(125, 125, 0), "the span between two misses counts too: one span is kept");
        assertTrue(missed.touch(130, 140, 0));
        assertFalse(missed.touch(131, 190, 0));
        assertFalse(missed.touch(60, 119, 0));
    }

    @Test
    void missesOlderThanTheCountersLifetimeAreForgotten() {
        MissedMinutes missed = new MissedMinutes();
        missed.add(120, 130);
        assertFalse(missed.touch(100, 159, 131), "every missed minute has expired from Redis");
        assertFalse(missed.touch(100, 159, 0), "and stays forgotten");
    }
}
