package io.promptsuite.prompt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package order of docs/architecture.md: a package may use only the packages below it, so the graph has no cycle
 * and a reader can understand each package knowing only what lies beneath. Peers on one level don't use each other.
 */
class PackageLayeringTest {

    private static final String BASE = "io.promptsuite.prompt";

    /** Top to bottom; "" is the root package with the aggregate, its rules, the change event and the configuration. */
    static final List<List<String>> LEVELS = List.of(
            List.of("transfer", "diff", "events", "release", "execution"),
            List.of("render"),
            List.of("catalog"),
            List.of("cache"),
            List.of("label"),
            List.of("version"),
            List.of("audit"),
            List.of("template"),
            List.of(""));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    @Test
    void everyPackageHasItsPlaceInTheOrder() {
        Set<String> found = new TreeSet<>();
        for (JavaClass c : classes) {
            String pkg = c.getPackageName();
            found.add(pkg.equals(BASE) ? "" : pkg.substring(BASE.length() + 1).split("\\.")[0]);
        }
        Set<String> placed = new TreeSet<>();
        LEVELS.forEach(placed::addAll);
        assertEquals(placed, found, "a new package needs a place in LEVELS and in docs/architecture.md");
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        for (int level = 0; level < LEVELS.size(); level++) {
            for (String pkg : LEVELS.get(level)) {
                List<String> forbidden = new ArrayList<>();
                for (int above = 0; above <= level; above++) {
                    for (String other : LEVELS.get(above)) {
                        if (!other.equals(pkg)) {
                            forbidden.add(other.isEmpty() ? BASE : BASE + "." + other + "..");
                        }
                    }
                }
                if (forbidden.isEmpty()) {
                    continue;
                }
                noClasses().that().resideInAPackage(pkg.isEmpty() ? BASE : BASE + "." + pkg + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because("'" + (pkg.isEmpty() ? "(root)" : pkg) + "' may use only the packages below it")
                        .check(classes);
            }
        }
    }
}
