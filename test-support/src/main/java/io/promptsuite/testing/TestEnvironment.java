package io.promptsuite.testing;

/**
 * What every test harness of one run agrees on. All services of a run share one database, so the bootstrap admin
 * created by whichever auth-service starts first must be the one every other harness logs in as.
 */
public final class TestEnvironment {

    /** The default when the tests run outside ./suite test, which sets its own per run. */
    private static final String DEFAULT_BOOTSTRAP_PASSWORD = "Test-Bootstrap-Pw-2026!";

    private TestEnvironment() {
    }

    public static String bootstrapPassword() {
        String value = System.getenv("AUTH_BOOTSTRAP_PASSWORD");
        return value == null || value.isBlank() ? DEFAULT_BOOTSTRAP_PASSWORD : value;
    }
}
