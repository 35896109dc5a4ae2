package io.promptsuite.common.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.promptsuite.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

/** The outbound call to auth-service's introspection endpoint, with a timeout, one retry and a circuit breaker. */
@ApplicationScoped
public class Introspection {

    @Inject
    AuthVerificationConfig config;

    @Inject
    @RestClient
    IntrospectionClient client;

    @Timeout(2000)
    @Retry(maxRetries = 1, delay = 100, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, failOn = ProcessingException.class)
    public Map<String, Object> apiKey(String apiKey) {
        String id = config.clientId().orElseThrow(Introspection::unconfigured);
        String secret = config.clientSecret().orElseThrow(Introspection::unconfigured);
        String basic = "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return client.introspect(basic, apiKey, "api_key");
    }

    private static ApiException unconfigured() {
        return new ApiException(503, "AUTH_UNAVAILABLE", "API keys can't be checked: no service client is configured");
    }
}
