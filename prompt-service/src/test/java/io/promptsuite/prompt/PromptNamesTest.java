package io.promptsuite.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;

/** Prompt and label names, without a server. */
class PromptNamesTest {

    private static final String PATTERN =
            "use letters, digits, '.', '_', '-' and '/' between segments; no spaces, no leading or trailing '/'";

    @Test
    void namesWithFoldersAreFine() {
        for (String name : List.of("a", "A9", "summarize", "team/summarize.v2", "a/b/c/d", "x_y-z.1", "9lives",
                "a".repeat(100), "b".repeat(99) + "/" + "b".repeat(100))) {
            assertNull(PromptNames.problem(name), name);
        }
    }

    @Test
    void aNameIsRequiredAndAtMost200Characters() {
        assertEquals("is required", PromptNames.problem(null));
        assertEquals("is required", PromptNames.problem(""));
        assertEquals("is required", PromptNames.problem("   "));
        String longest = "a".repeat(99) + "/" + "a".repeat(100);
        assertEquals(200, longest.length());
        assertNull(PromptNames.problem(longest));
        assertEquals("must be at most 200 characters", PromptNames.problem("a".repeat(99) + "/" + "a/".repeat(50) + "a"));
    }

    @Test
    void badCharactersAndBadSlashesAreRefused() {
        for (String name : List.of("a b", "/a", "a/", "a//b", ".hidden", "-a", "a/_b", "été", "a%2Fb", "a\\b", "a?b",
                "a".repeat(101))) {
            assertEquals(PATTERN, PromptNames.problem(name), name);
        }
    }

    @Test
    void theApisOwnWordsAreReserved() {
        assertEquals("'export' is reserved", PromptNames.problem("export"));
        assertEquals("'import' is reserved", PromptNames.problem("import"));
        assertNull(PromptNames.problem("export/weekly"), "only the whole name is reserved");
        assertNull(PromptNames.problem("exports"));
        for (String segment : List.of("versions", "labels", "render", "diff", "audit", "restore")) {
            assertEquals("the segment '" + segment + "' is reserved", PromptNames.problem("team/" + segment), segment);
            assertEquals("the segment '" + segment + "' is reserved", PromptNames.problem(segment), segment);
        }
        assertNull(PromptNames.problem("team/renderer"));
    }

    @Test
    void checkAnswersA400NamingTheField() {
        ApiException e = assertThrows(ApiException.class, () -> PromptNames.check("a b"));
        assertEquals(400, e.status());
        assertEquals("INVALID_NAME", e.code());
        assertEquals(Map.of("fields", List.of(new FieldError("name", PATTERN))), e.details());
        PromptNames.check("fine/name");
    }

    @Test
    void labelsAreLowerCaseAndAtMost63Characters() {
        for (String label : List.of("production", "staging", "canary-2", "v1.2_rc", "0", "a".repeat(63))) {
            PromptNames.checkLabel(label);
        }
        for (String label : java.util.Arrays.asList(null, "", "Production", "-x", ".x", "a b", "a/b", "a".repeat(64), "ü")) {
            ApiException e = assertThrows(ApiException.class, () -> PromptNames.checkLabel(label), String.valueOf(label));
            assertEquals(400, e.status());
            assertEquals("INVALID_LABEL", e.code());
            assertEquals(Map.of("fields", List.of(new FieldError("label", "invalid label name"))), e.details());
        }
    }
}
