package io.promptsuite.auth.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UserCodesTest {

    @Test
    void generatedCodesAreEightLettersOfTheAlphabet() {
        SecureRandom random = new SecureRandom();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = UserCodes.generate(random);
            assertTrue(code.matches("[BCDFGHJKLMNPQRSTVWXZ]{8}"), code);
            code.chars().forEach(c -> seen.add((char) c));
            assertEquals(Optional.of(code), UserCodes.normalize(UserCodes.display(code)));
        }
        assertEquals(20, seen.size(), "every letter of the alphabet is used");
    }

    @Test
    void theAlphabetHasNoVowelsAndNoLookAlikes() {
        assertEquals("BCDFGHJKLMNPQRSTVWXZ", UserCodes.ALPHABET);
        for (char c : "AEIOUY0125".toCharArray()) {
            assertEquals(-1, UserCodes.ALPHABET.indexOf(c), String.valueOf(c));
        }
    }

    @Test
    void displayedWithADashInTheMiddle() {
        assertEquals("BCDF-GHJK", UserCodes.display("BCDFGHJK"));
    }

    @Test
    void typingIsForgivingAboutCaseSpacesAndDashes() {
        for (String typed : new String[] { "BCDF-GHJK", "bcdf-ghjk", "bcdf ghjk", " BCDFGHJK ", "B-C-D-F-G-H-J-K", "bcdf\tghjk" }) {
            assertEquals(Optional.of("BCDFGHJK"), UserCodes.normalize(typed), typed);
        }
    }

    @Test
    void whatCantBeACodeIsNothing() {
        for (String typed : new String[] { null, "", "BCDF-GHJ", "BCDF-GHJKL", "BCDF-GHJA", "BCDF_GHJK", "BCDF-GHJ1",
                "ВCDF-GHJK" }) {
            assertEquals(Optional.empty(), UserCodes.normalize(typed), String.valueOf(typed));
        }
    }
}
