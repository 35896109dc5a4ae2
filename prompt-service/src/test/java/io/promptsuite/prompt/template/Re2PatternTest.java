package io.promptsuite.prompt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Schema patterns run on RE2: linear in the value, whatever the pattern. */
class Re2PatternTest {

    @Test
    void catastrophicPatternsAnswerAtOnce() {
        var regex = Re2RegularExpressions.INSTANCE.getRegularExpression("^(a+)+$");
        String evil = "a".repeat(100_000) + "!";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(regex.matches(evil)));
        assertTrue(regex.matches("aaa"));
        // Unanchored, like JSON Schema: a match anywhere counts.
        assertTrue(Re2RegularExpressions.INSTANCE.getRegularExpression("b+").matches("abba"));
    }

    @Test
    void schemaValidationUsesRe2() {
        String json = "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":\"^(a|aa)+$\"}}}";
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("s", Map.of("type", "string", "pattern", "^(a|aa)+$")));
        VariablesSchema compiled = VariablesSchema.compile(json, schema);
        String variables = "{\"s\":\"" + "a".repeat(50_000) + "!\"}";
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertEquals(1, compiled.validate(variables, Set.of("s")).size()));
    }

    @Test
    void patternsOnlyTheJdkRunsPassDraftsButNotPublish() {
        String json = "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":\"(a)\\\\1\"}}}";
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("s", Map.of("type", "string", "pattern", "(a)\\1")));
        assertEquals(List.of(), VariablesSchema.draftProblems(json, schema));
        List<String> problems = VariablesSchema.problems(json, schema);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("RE2"), problems.get(0));
    }
}
