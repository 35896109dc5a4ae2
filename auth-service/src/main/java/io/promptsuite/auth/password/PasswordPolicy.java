package io.promptsuite.auth.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Length matters most (NIST SP 800-63B): at least 12 characters, at most 128, not the email address, not one repeated
 * character, and at least three of lower case, upper case, digits and symbols.
 */
@ApplicationScoped
public class PasswordPolicy {

    @Inject
    AuthConfig config;

    public void check(String field, String password, String email) {
        List<String> problems = problems(password, email);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "WEAK_PASSWORD", "The password does not meet the policy: " + String.join("; ", problems),
                    Map.of("fields", List.of(new FieldError(field, String.join("; ", problems)))));
        }
    }

    public List<String> problems(String password, String email) {
        List<String> problems = new ArrayList<>();
        int min = config.passwords().minLength();
        int max = config.passwords().maxLength();
        if (password == null || password.length() < min) {
            problems.add("must be at least " + min + " characters");
            return problems;
        }
        if (password.length() > max) {
            problems.add("must be at most " + max + " characters");
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
