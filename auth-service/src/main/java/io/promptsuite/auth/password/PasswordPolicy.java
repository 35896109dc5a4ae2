package io.promptsuite.auth.password;

import java.util.List;
import java.util.Map;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link PasswordRules} with the configured lengths, answering a broken rule as a 400 that names the field. */
@ApplicationScoped
public class PasswordPolicy {

    @Inject
    AuthConfig config;

    private PasswordRules rules;

    @PostConstruct
    void prepare() {
        rules = new PasswordRules(config.passwords().minLength(), config.passwords().maxLength());
    }

    public void check(String field, String password, String email) {
        List<String> problems = problems(password, email);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "WEAK_PASSWORD", "The password does not meet the policy: " + String.join("; ", problems),
                    Map.of("fields", List.of(new FieldError(field, String.join("; ", problems)))));
        }
    }

    public List<String> problems(String password, String email) {
        return rules.problems(password, email);
    }
}
