package io.promptsuite.testing.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import io.promptsuite.testing.ServiceProcess;
import io.promptsuite.testing.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real auth-service, started from its packaged jar beside the service under test, so tokens, API keys,
 * introspection and service tokens are the real ones. The service under test is pointed at it and given its own
 * service-client secret.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
 *         initArgs = &#64;ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
 * </pre>
 */
public class RealAuthService implements QuarkusTestResourceLifecycleManager {

    /** The service under test's client id at auth-service (one of {@code auth.clients.*}). */
    public static final String CLIENT_ID = "client-id";

    private static volatile String url;

    private String clientId;
    private ServiceProcess auth;

    /** Where the running auth-service answers; set once it is ready. */
    public static String url() {
        if (url == null) {
            throw new IllegalStateException("auth-service is not started: annotate the test with @QuarkusTestResource(RealAuthService.class)");
        }
        return url;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        clientId = initArgs.get(CLIENT_ID);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("RealAuthService needs the init argument " + CLIENT_ID);
        }
    }

    @Override
    public Map<String, String> start() {
        int port = ServiceProcess.freePort();
        String base = "http://127.0.0.1:" + port;
        String secret = newSecret();
        auth = ServiceProcess.start("auth-service", port, Map.of(
                "AUTH_BOOTSTRAP_PASSWORD", TestEnvironment.bootstrapPassword(),
                "SUITE_ISSUER", base,
                "SUITE_AUTH_URL", base,
                clientSecretVariable(clientId), secret));
        url = base;
        return Map.of(
                "suite.auth.issuer", base,
                "suite.auth.jwks-url", base + "/.well-known/jwks.json",
                "quarkus.rest-client.auth-service.url", base,
                "suite.auth.client-id", clientId,
                "suite.auth.client-secret", secret);
    }

    @Override
    public void stop() {
        if (auth != null) {
            auth.close();
        }
    }

    /** The environment name of {@code auth.clients.<id>.secret}, as SmallRye Config matches it. */
    static String clientSecretVariable(String clientId) {
        return "AUTH_CLIENTS_" + clientId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SECRET";
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
