package io.promptsuite.prompt.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The relay's plain parts: the backoff schedule and reading which events stats-service refused. */
class ExecutionOutboxRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCeilingWithJitterBetweenHalfAndAll() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999999);
        long[] ceilings = { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
        for (long ceiling : ceilings) {
            assertEquals(ceiling / 2, low.failed().toMillis());
            long top = high.failed().toMillis();
            assertTrue(top <= ceiling && top >= ceiling - 1, top + " for " + ceiling);
        }
        low.succeeded();
        assertEquals(500, low.failed().toMillis(), "a success starts the schedule over");
        Backoff many = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        for (int i = 0; i < 1000; i++) {
            many.failed();
        }
        assertEquals(30_000, many.failed().toMillis(), "no overflow after many failures");
    }

    @Test
    void refusedEventsAreReadFromEventIndexesOrFromFieldPaths() {
        String both = "{\"code\":\"VALIDATION_FAILED\",\"message\":\"bad\",\"details\":{\"event_indexes\":[2,7,99],"
                + "\"fields\":[{\"field\":\"events[2].latency_ms\",\"message\":\"must not be negative\"},"
                + "{\"field\":\"events[2].status\",\"message\":\"unknown\"}]}}";
        Map<Integer, String> bad = Refusal.indexes(JSON, both, 10);
        assertEquals(List.of(2, 7), List.copyOf(bad.keySet()), "indexes outside the batch are ignored");
        assertTrue(bad.get(2).contains("events[2].latency_ms must not be negative") && bad.get(2).contains("events[2].status"));
        assertTrue(bad.get(7).startsWith("VALIDATION_FAILED"));

        String fieldsOnly = "{\"code\":\"VALIDATION_FAILED\",\"details\":{\"fields\":[{\"field\":\"events[0].model\",\"message\":\"x\"},"
                + "{\"field\":\"events[99999999999].model\",\"message\":\"x\"},{\"field\":\"events\",\"message\":\"too many\"}]}}";
        assertEquals(List.of(0), List.copyOf(Refusal.indexes(JSON, fieldsOnly, 5).keySet()));

        assertTrue(Refusal.indexes(JSON, "{\"code\":\"BATCH_TOO_LARGE\"}", 5).isEmpty());
        assertTrue(Refusal.indexes(JSON, "<html>", 5).isEmpty());
        assertTrue(Refusal.indexes(JSON, "", 5).isEmpty());
        assertTrue(Refusal.indexes(JSON, null, 5).isEmpty());
        assertEquals("413 BATCH_TOO_LARGE: too big", Refusal.summary(JSON, 413, "{\"code\":\"BATCH_TOO_LARGE\",\"message\":\"too big\"}"));
        assertEquals("400", Refusal.summary(JSON, 400, "not json"));
    }
}
