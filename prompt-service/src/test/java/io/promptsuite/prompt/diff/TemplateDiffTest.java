package io.promptsuite.prompt.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.promptsuite.common.error.ApiException;

class TemplateDiffTest {

    @Test
    void smallDiffsAreWhole() {
        TemplateDiff.Result result = TemplateDiff.unified("a@1", "a@2", List.of("one", "two"), List.of("one", "three"), 100, 10_000,
                1_000_000_000L);
        assertFalse(result.truncated());
        assertTrue(result.unified().contains("-two") && result.unified().contains("+three"), result.unified());
    }

    @Test
    void sidesAreCutByLinesAndCharacters() {
        assertEquals(3, TemplateDiff.cut(List.of("a", "b", "c", "d"), 3, 1000).size());
        assertEquals(2, TemplateDiff.cut(List.of("aaaa", "bbbb", "cccc"), 100, 10).size());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add("line " + i);
        }
        assertTrue(TemplateDiff.unified("a", "b", many, List.of(), 100, 1_000_000, 1_000_000_000L).truncated());
    }

    @Test
    void aDiffPastItsDeadlineIsA422() {
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            left.add("a" + i);
            right.add("b" + i);
        }
        long start = System.nanoTime();
        ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> TemplateDiff.unified("a", "b", left, right, 20_000, 10_000_000, 1_000_000L));
        assertEquals("DIFF_TOO_EXPENSIVE", e.code());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
    }
}
