package io.promptsuite.auth.device;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 8628 §6.1 user codes: 8 letters from an alphabet without vowels (no words) and without look-alikes, shown as
 * {@code XXXX-XXXX}; input is forgiving about case, spaces and dashes.
 */
public final class UserCodes {

    public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    public static final int LENGTH = 8;

    private UserCodes() {
    }

    public static String generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    public static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** The stored form of what a person typed, or empty when it can't be a user code. */
    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String letters = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (letters.length() != LENGTH || !letters.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(letters);
    }
}
