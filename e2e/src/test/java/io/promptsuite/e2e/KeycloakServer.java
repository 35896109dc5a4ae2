package io.promptsuite.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.promptsuite.testing.HttpReadiness;
import io.promptsuite.testing.ServiceProcess;

/**
 * A real Keycloak, unpacked by Maven from {@code org.keycloak:keycloak-quarkus-dist} into {@code e2e/target/}, run in
 * dev mode on loopback with its embedded database and one realm imported from the test resources. Each start begins
 * from an empty database, so a run never sees what an earlier one left.
 */
final class KeycloakServer implements AutoCloseable {

    /** Dev mode builds itself on its first start, and this machine is shared: minutes, not seconds, at worst. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("keycloak.start-timeout", 300));

    private final Process process;
    private final String url;
    private final String realm;
    private final Path log;
    private Duration startedIn;

    private KeycloakServer(Process process, String url, String realm, Path log) {
        this.process = process;
        this.url = url;
        this.realm = realm;
        this.log = log;
    }

    /** Where Maven unpacked Keycloak, if it did (it doesn't with {@code -Dkeycloak.skip=true}). */
    static Optional<Path> home() {
        String home = System.getProperty("keycloak.home");
        return home != null && Files.isExecutable(Path.of(home, "bin", "kc.sh")) ? Optional.of(Path.of(home)) : Optional.empty();
    }

    /** Starts Keycloak from {@code home} with the realm file {@code realmResource} and waits until the realm answers. */
    static KeycloakServer start(Path home, String realmResource, String realm) {
        try {
            Path data = home.resolve("data");
            deleteTree(data);
            Files.createDirectories(data.resolve("import"));
            try (InputStream in = KeycloakServer.class.getResourceAsStream(realmResource)) {
                if (in == null) {
                    throw new IllegalStateException(realmResource + " is not on the test class path");
                }
                Files.copy(in, data.resolve("import").resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            int port = ServiceProcess.freePort();
            int management = ServiceProcess.freePort();
            while (management == port) {
                management = ServiceProcess.freePort();
            }
            Path log = Files.createTempFile("keycloak-" + port + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management,
                    "--import-realm")
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // kc.sh sizes its heap by the machine's memory (70 %); this machine is shared with the suite's own JVMs.
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            // Nobody signs in as the admin here; it only has to exist and not be guessable.
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "Kc-" + UUID.randomUUID());
            Instant started = Instant.now();
            Process process = builder.start();
            KeycloakServer server = new KeycloakServer(process, "http://127.0.0.1:" + port, realm, log);
            server.awaitRealm(started);
            server.startedIn = Duration.between(started, Instant.now());
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Keycloak from " + home, e);
        }
    }

    String issuer() {
        return url + "/realms/" + realm;
    }

    String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    Duration startedIn() {
        return startedIn;
    }

    private void awaitRealm(Instant started) {
        Duration left = START_TIMEOUT.minus(Duration.between(started, Instant.now()));
        HttpReadiness.Outcome outcome = HttpReadiness.await(process, URI.create(issuer() + "/.well-known/openid-configuration"),
                left.isNegative() ? Duration.ZERO : left, Duration.ofMillis(500), Duration.ofSeconds(5));
        if (outcome == HttpReadiness.Outcome.EXITED) {
            throw new IllegalStateException("Keycloak exited during start-up:\n" + tail());
        }
        if (outcome != HttpReadiness.Outcome.READY) {
            close();
            throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + tail());
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops the server and whatever kc.sh started under it. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
