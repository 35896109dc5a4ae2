package io.promptsuite.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged service (target/quarkus-app/quarkus-run.jar) started as its own JVM, as in production, for tests that
 * need more than the service under test: auth-service beside prompt-service, or two instances of one service.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The repository root, found from the module the tests run in. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("suite"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the repository root (the directory holding ./suite)");
        }
        return dir;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The environment every service needs to reach the same database and Redis as the test run. */
    public static Map<String, String> sharedEnvironment() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String key : List.of("SUITE_DB_URL", "SUITE_DB_USER", "SUITE_DB_PASSWORD", "SUITE_REDIS_URL", "SUITE_REDIS_KEY_PREFIX")) {
            String value = System.getenv(key);
            if (value != null) {
                env.put(key, value);
            }
        }
        return env;
    }

    /** Starts {@code module}'s packaged jar with {@code env} on {@code port} and waits until it is ready. */
    public static ServiceProcess start(String module, int port, Map<String, String> env) {
        Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./suite test builds every module in order)");
        }
        try {
            Path log = Files.createTempFile(module + "-" + port + "-", ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx192m", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(sharedEnvironment());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            ServiceProcess service = new ServiceProcess(module, builder.start(), port, log);
            service.awaitReady(Duration.ofSeconds(90));
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + module, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitReady(Duration timeout) {
        HttpReadiness.Outcome outcome = HttpReadiness.await(process, URI.create(url() + "/q/health/ready"), timeout,
                Duration.ofMillis(250), Duration.ofSeconds(2));
        if (outcome == HttpReadiness.Outcome.EXITED) {
            throw new IllegalStateException(name + " exited during start-up:\n" + tail());
        }
        if (outcome != HttpReadiness.Outcome.READY) {
            close();
            throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
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

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
