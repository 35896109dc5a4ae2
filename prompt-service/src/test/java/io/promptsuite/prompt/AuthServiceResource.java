package io.promptsuite.prompt;

import java.util.Map;

import io.promptsuite.testing.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real auth-service, started from its packaged jar beside the prompt-service under test: tokens, API keys and
 * introspection are the real ones.
 */
public class AuthServiceResource implements QuarkusTestResourceLifecycleManager {

    static final String BOOTSTRAP_PASSWORD = io.promptsuite.testing.TestEnvironment.bootstrapPassword();
    static final String CLIENT_SECRET = "prompt-service-test-secret-0123456789";
    static volatile String url;

    private ServiceProcess auth;

    @Override
    public Map<String, String> start() {
        int port = ServiceProcess.freePort();
        String base = "http://127.0.0.1:" + port;
        auth = ServiceProcess.start("auth-service", port, Map.of(
                "AUTH_BOOTSTRAP_PASSWORD", BOOTSTRAP_PASSWORD,
                "SUITE_ISSUER", base,
                "SUITE_AUTH_URL", base,
                "SUITE_PROMPT_CLIENT_SECRET", CLIENT_SECRET));
        url = base;
        return Map.of(
                "suite.auth.issuer", base,
                "suite.auth.jwks-url", base + "/.well-known/jwks.json",
                "quarkus.rest-client.auth-service.url", base,
                "suite.auth.client-id", "prompt-service",
                "suite.auth.client-secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        if (auth != null) {
            auth.close();
        }
    }
}
