package io.promptsuite.auth.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The password policy as a plain rule (NIST SP 800-63B puts length first): between {@code minLength} and
 * {@code maxLength} characters, at least four different characters, at least three of lower case, upper case, digits
 * and symbols, and not the email address or its local part.
 */
public record PasswordRules(int minLength, int maxLength) {

    /** What is wrong with {@code password}, one phrase per rule broken; empty when it passes. */
    public List<String> problems(String password, String email) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < minLength) {
            problems.add("must be at least " + minLength + " characters");
            return problems;
        }
        if (password.length() > maxLength) {
            problems.add("must be at most " + maxLength + " characters");
        }
        if (password.chars().distinct().count() < 4) {
            problems.add("must not repeat so few characters");
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            problems.add("must mix at least three of lower case, upper case, digits and symbols");
        }
        if (email != null) {
            String lower = password.toLowerCase(Locale.ROOT);
            String address = email.toLowerCase(Locale.ROOT);
            if (lower.equals(address) || lower.equals(address.split("@")[0]) || lower.contains(address)) {
                problems.add("must not be the email address");
            }
        }
        return problems;
    }
}
