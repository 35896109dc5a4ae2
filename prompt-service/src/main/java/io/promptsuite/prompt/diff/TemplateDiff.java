package io.promptsuite.prompt.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.Patch;

import io.promptsuite.common.error.ApiException;

/**
 * A unified diff of two versions' lines within a budget, whatever two versions a viewer picks: each side is cut to
 * {@code maxLines} lines and {@code maxChars} characters (the diff then says it is truncated), and the comparison
 * runs on Myers' linear-space algorithm with a deadline checked as it compares lines, past which the answer is 422
 * DIFF_TOO_EXPENSIVE.
 */
final class TemplateDiff {

    record Result(String unified, boolean truncated) {
    }

    /** Thrown from inside the diff algorithm when the deadline passes; no stack, it is an answer. */
    private static final class Late extends RuntimeException {
        Late() {
            super(null, null, false, false);
        }
    }

    private TemplateDiff() {
    }

    static Result unified(String fromName, String toName, List<String> from, List<String> to, int maxLines, int maxChars,
            long timeoutNanos) {
        List<String> left = cut(from, maxLines, maxChars);
        List<String> right = cut(to, maxLines, maxChars);
        boolean truncated = left.size() < from.size() || right.size() < to.size();
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            Patch<String> patch = DiffUtils.diff(left, right, new MyersDiffWithLinearSpace<>(comparing(deadline)),
                    listener(deadline));
            return new Result(String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, left, patch, 3)), truncated);
        } catch (Late e) {
            throw new ApiException(422, "DIFF_TOO_EXPENSIVE", "These versions differ too much to compare within "
                    + timeoutNanos / 1_000_000 + " ms");
        }
    }

    /** The first lines of a side, at most {@code maxLines} of them and {@code maxChars} characters in all. */
    static List<String> cut(List<String> lines, int maxLines, int maxChars) {
        List<String> kept = new ArrayList<>(Math.min(lines.size(), maxLines));
        long chars = 0;
        for (String line : lines) {
            chars += line.length() + 1;
            if (kept.size() >= maxLines || chars > maxChars) {
                break;
            }
            kept.add(line);
        }
        return kept;
    }

    private static BiPredicate<String, String> comparing(long deadline) {
        int[] compared = {0};
        return (a, b) -> {
            if ((++compared[0] & 1023) == 0 && System.nanoTime() - deadline > 0) {
                throw new Late();
            }
            return a.equals(b);
        };
    }

    private static DiffAlgorithmListener listener(long deadline) {
        return new DiffAlgorithmListener() {
            @Override
            public void diffStart() {
            }

            @Override
            public void diffStep(int value, int max) {
                if (System.nanoTime() - deadline > 0) {
                    throw new Late();
                }
            }

            @Override
            public void diffEnd() {
            }
        };
    }
}
