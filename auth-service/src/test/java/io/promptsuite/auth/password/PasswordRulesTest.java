package io.promptsuite.auth.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    private static final PasswordRules RULES = new PasswordRules(12, 128);
    private static final String EMAIL = "ada@example.org";

    @Test
    void aLongMixedPasswordPasses() {
        assertEquals(List.of(), RULES.problems("Str0ng-Passw0rd-for-Tests!", EMAIL));
        // Three classes are enough: no symbol needed.
        assertEquals(List.of(), RULES.problems("CorrectHorse42battery", EMAIL));
    }

    @Test
    void lengthIsCheckedAtBothBoundaries() {
        assertEquals(List.of("must be at least 12 characters"), RULES.problems("Aa1-Aa1-Aa1", EMAIL));
        assertEquals(List.of(), RULES.problems("Aa1-Aa1-Aa1-", EMAIL));
        assertEquals(List.of(), RULES.problems("Aa1-".repeat(32), EMAIL));
        assertEquals(List.of("must be at most 128 characters"), RULES.problems("Aa1-".repeat(32) + "x", EMAIL));
    }

    @Test
    void tooShortStopsThereAndNullCountsAsTooShort() {
        assertEquals(List.of("must be at least 12 characters"), RULES.problems("a", EMAIL));
        assertEquals(List.of("must be at least 12 characters"), RULES.problems(null, EMAIL));
    }

    @Test
    void fewDistinctCharactersAreRefused() {
        assertTrue(RULES.problems("Aa1Aa1Aa1Aa1Aa1", EMAIL).contains("must not repeat so few characters"));
        assertEquals(List.of(), RULES.problems("Aa1bAa1bAa1b", EMAIL));
    }

    @Test
    void twoCharacterClassesAreNotEnough() {
        assertEquals(List.of("must mix at least three of lower case, upper case, digits and symbols"),
                RULES.problems("onlylowercase123", EMAIL));
        assertEquals(List.of("must mix at least three of lower case, upper case, digits and symbols"),
                RULES.problems("ONLYUPPER-CASE!", EMAIL));
    }

    @Test
    void theEmailOrItsLocalPartIsRefusedInAnyCase() {
        assertTrue(RULES.problems("ADA@EXAMPLE.ORG", EMAIL).contains("must not be the email address"));
        assertTrue(RULES.problems("x1-ada@example.org", EMAIL).contains("must not be the email address"));
        PasswordRules shortMin = new PasswordRules(3, 128);
        assertTrue(shortMin.problems("Ada", "ada@example.org").contains("must not be the email address"));
        assertEquals(List.of(), RULES.problems("Ada-Lovelace-1815", EMAIL));
        assertEquals(List.of(), RULES.problems("Ada-Lovelace-1815", null));
    }

    @Test
    void everyBrokenRuleIsNamed() {
        assertEquals(List.of("must not repeat so few characters",
                "must mix at least three of lower case, upper case, digits and symbols"),
                RULES.problems("aaaaaaaaaaaaaaaa", EMAIL));
    }
}
