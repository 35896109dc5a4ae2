package io.promptsuite.stats.price;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A model-name glob: {@code *} stands for any characters, everything else for itself, case-insensitive. Matched by
 * plain code in at most pattern × name steps (both ≤ 200 characters), so no pattern can make matching slow.
 */
public final class ModelPattern {

    /** What a pattern may hold: the characters model names use, and {@code *}. */
    public static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:/@+*-]{1,200}");

    private ModelPattern() {
    }

    public static boolean matches(String pattern, String model) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String m = model.toLowerCase(Locale.ROOT);
        int pi = 0;
        int mi = 0;
        int star = -1;
        int resume = 0;
        while (mi < m.length()) {
            if (pi < p.length() && p.charAt(pi) != '*' && p.charAt(pi) == m.charAt(mi)) {
                pi++;
                mi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                resume = mi;
            } else if (star >= 0) {
                pi = star + 1;
                mi = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** How much of a name the pattern pins down: its characters other than {@code *}. */
    public static int literals(String pattern) {
        return pattern.length() - wildcards(pattern);
    }

    public static int wildcards(String pattern) {
        return (int) pattern.chars().filter(c -> c == '*').count();
    }
}
