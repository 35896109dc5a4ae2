package io.promptsuite.prompt.execution;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.security.AuthVerificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * prompt-service's own access token for stats-service: the client-credentials grant at auth-service with scope
 * {@code stats:write}, kept until shortly before it expires. The secret goes only to auth-service, never to a log.
 */
@ApplicationScoped
public class ServiceToken {

    static final String SCOPE = "stats:write";

    /** Renewed this long before expiry at least, so a token never runs out between being picked up and being checked. */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    /** Why no token could be had; a message without the secret. */
    public static class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    @Inject
    AuthVerificationConfig auth;

    @Inject
    ExecutionsConfig config;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.rest-client.auth-service.url")
    String authUrl;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private String token;
    private Instant renewAt = Instant.MIN;

    public synchronized String get() throws Unavailable {
        if (token == null || Instant.now().isAfter(renewAt)) {
            fetch();
        }
        return token;
    }

    /** stats-service refused the token (revoked, keys rotated): the next call asks for a new one. */
    public synchronized void forget() {
        token = null;
    }

    private void fetch() throws Unavailable {
        String id = auth.clientId().orElseThrow(() -> new Unavailable("suite.auth.client-id is not configured"));
        String secret = auth.clientSecret().orElseThrow(() -> new Unavailable("suite.auth.client-secret is not configured"));
        String form = "grant_type=client_credentials&client_id=" + encode(id) + "&client_secret=" + encode(secret)
                + "&scope=" + encode(SCOPE);
        HttpRequest request = HttpRequest.newBuilder(URI.create(strip(authUrl) + "/oauth/token"))
                .timeout(config.requestTimeout()).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("auth-service unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("auth-service answered " + response.statusCode() + " to the client-credentials grant");
        }
        try {
            JsonNode body = json.readTree(response.body());
            String accessToken = body.path("access_token").asText(null);
            if (accessToken == null) {
                throw new Unavailable("auth-service's token answer has no access_token");
            }
            long lifetime = body.path("expires_in").asLong(60);
            Duration margin = MARGIN.compareTo(Duration.ofSeconds(lifetime / 5)) < 0 ? MARGIN : Duration.ofSeconds(lifetime / 5);
            token = accessToken;
            renewAt = Instant.now().plusSeconds(lifetime).minus(margin);
        } catch (IOException e) {
            throw new Unavailable("auth-service's token answer is not JSON");
        }
    }

    static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
