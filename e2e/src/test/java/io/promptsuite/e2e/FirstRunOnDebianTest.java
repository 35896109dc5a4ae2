package io.promptsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.promptsuite.testing.ServiceProcess;
import io.restassured.http.ContentType;

/**
 * The README's two commands on a PostgreSQL as Debian installs it: peer authentication on the socket,
 * scram-sha-256 on 127.0.0.1, and a postgres role without a password. A cluster with those untouched defaults is
 * made with pg_createcluster on a port of its own; {@code ./suite up} must then work as it is, by making a login role
 * of its own, and say exactly what to run where it can't act as the postgres OS user. Runs where the test may create
 * clusters (as root, with Debian's postgresql-common); elsewhere it is skipped, not passed.
 */
class FirstRunOnDebianTest {

    static final String PASSWORD = "First-Run-Admin-Pw-2026!";
    static String version;
    static String cluster;
    static int pgPort;
    static Path state;
    static int authPort;
    static int promptPort;
    static int statsPort;

    @BeforeAll
    static void createDebianDefaultCluster() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "creating a PostgreSQL cluster needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_createcluster")), "needs Debian's postgresql-common");
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).max(String::compareTo).orElseThrow();
        }
        cluster = "suitefirstrun" + UUID.randomUUID().toString().substring(0, 6);
        pgPort = ServiceProcess.freePort();
        Result created = run(List.of("pg_createcluster", version, cluster, "-p", String.valueOf(pgPort), "--start"), Map.of(), 120);
        assertEquals(0, created.exit, created.output);
        state = Files.createTempDirectory("suite-first-run");
        authPort = ServiceProcess.freePort();
        promptPort = ServiceProcess.freePort();
        statsPort = ServiceProcess.freePort();
    }

    @AfterAll
    static void dropCluster() throws Exception {
        if (state != null) {
            run(List.of("./suite", "down"), suiteEnvironment(), 60);
        }
        if (cluster != null) {
            run(List.of("pg_dropcluster", version, cluster, "--stop"), Map.of(), 120);
        }
    }

    @Test
    void suiteUpMakesItsOwnLoginRoleAndEverythingAnswers() throws Exception {
        Result up = run(List.of("./suite", "up"), suiteEnvironment(), 300);
        assertEquals(0, up.exit, up.output);
        assertTrue(up.output.contains("creating login role promptsuite"), up.output);
        assertFalse(up.output.contains("Password for user"), up.output);

        Path credentials = state.resolve("postgres-login.env");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(credentials), "the generated database password is readable by its owner only");
        assertTrue(Files.readString(credentials).contains("PGUSER=promptsuite"));

        given().baseUri("http://127.0.0.1:" + authPort).contentType(ContentType.JSON)
                .body(Map.of("tenant", "default", "email", "admin@local", "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200);
        given().baseUri("http://127.0.0.1:" + promptPort).get("/q/health/ready").then().statusCode(200);
        given().baseUri("http://127.0.0.1:" + statsPort).get("/q/health/ready").then().statusCode(200);

        // A second start reuses the role and its password instead of asking again.
        Result down = run(List.of("./suite", "down"), suiteEnvironment(), 60);
        assertTrue(down.output.contains("left running: PostgreSQL"), down.output);
        Result again = run(List.of("./suite", "up"), suiteEnvironment(), 300);
        assertEquals(0, again.exit, again.output);
        assertFalse(again.output.contains("creating login role"), again.output);
    }

    @Test
    void withoutThePostgresUserItStopsAtOnceWithTheCommandsToRun() throws Exception {
        Path root = ServiceProcess.root();
        Result readable = run(List.of("runuser", "-u", "nobody", "--", "test", "-x", root.resolve("suite").toString()), Map.of(), 30);
        assumeTrue(readable.exit == 0, "the checkout is not readable by the nobody user here");
        Path elsewhere = Files.createTempDirectory("suite-first-run-nobody");
        run(List.of("chown", "nobody", elsewhere.toString()), Map.of(), 30);
        Map<String, String> env = new java.util.HashMap<>(suiteEnvironment());
        env.put("SUITE_STATE", elsewhere.toString());
        env.put("HOME", elsewhere.toString());
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "env"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.add("./suite");
        command.add("up");
        Result refused = run(command, Map.of(), 60);
        assertEquals(1, refused.exit, refused.output);
        assertTrue(refused.output.contains("CREATE ROLE promptsuite LOGIN CREATEDB"), refused.output);
        assertTrue(refused.output.contains("PGUSER=promptsuite"), refused.output);
    }

    /** The environment of a new user: no PG* settings but the port of the Debian-default cluster. */
    static Map<String, String> suiteEnvironment() {
        return Map.of("PGPORT", String.valueOf(pgPort), "SUITE_STATE", state.toString(), "SUITE_DB", "firstrun",
                "AUTH_PORT", String.valueOf(authPort), "PROMPT_PORT", String.valueOf(promptPort),
                "STATS_PORT", String.valueOf(statsPort), "AUTH_BOOTSTRAP_PASSWORD", PASSWORD);
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ServiceProcess.root().toFile()).redirectErrorStream(true);
        for (String inherited : List.of("PGHOST", "PGUSER", "PGPASSWORD", "PGPORT", "SUITE_DB", "SUITE_STATE")) {
            builder.environment().remove(inherited);
        }
        builder.environment().putAll(env);
        Path log = Files.createTempFile("suite-first-run", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
