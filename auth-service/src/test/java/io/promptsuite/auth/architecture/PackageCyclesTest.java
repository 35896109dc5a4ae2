package io.promptsuite.auth.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Feature packages import downwards only: no package of auth-service may reach, through any chain of others, back to
 * itself. Each package is a slice of its own (sub-packages too), so a cycle through a sub-package counts as well.
 */
class PackageCyclesTest {

    private static ArchRule noCyclesUnder(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    @Test
    void authServicePackagesHaveNoCycles() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.promptsuite.auth");
        assertTrue(main.size() > 50, "the service's classes were found: " + main.size());
        noCyclesUnder("io.promptsuite.auth").check(main);
    }

    /** The rule would catch a cycle: two test-only packages that call each other fail it. */
    @Test
    void theRuleFailsOnACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.promptsuite.cyclefixture");
        assertFalse(fixture.isEmpty());
        AssertionError failure = assertThrows(AssertionError.class, () -> noCyclesUnder("io.promptsuite.cyclefixture").check(fixture));
        assertTrue(failure.getMessage().contains("Cycle detected"), failure.getMessage());
    }
}
