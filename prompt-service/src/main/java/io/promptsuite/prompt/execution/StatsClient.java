package io.promptsuite.prompt.execution;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one call the relay makes: a batch of outbox events to stats-service's batch endpoint. */
@ApplicationScoped
public class StatsClient {

    /** What stats-service answered; status 0 with {@code failure} set when no answer came. */
    public record Answer(int status, String body, String failure) {

        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private static final int MAX_ANSWER = 256 * 1024;

    @Inject
    ExecutionsConfig config;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Posts {@code {"events": [...]}} built from the rows' JSON text as stored, without parsing them again. */
    public Answer post(String token, List<OutboxRepository.Row> rows) {
        StringBuilder body = new StringBuilder(64 + rows.size() * 512).append("{\"events\":[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(rows.get(i).event());
        }
        body.append("]}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(ServiceToken.strip(config.statsUrl()) + "/api/v1/executions/batch"))
                .timeout(config.requestTimeout()).header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                // Only error answers are read, and only so far: what a refusal says fits easily.
                return new Answer(response.statusCode(), new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8), null);
            }
        } catch (IOException e) {
            return new Answer(0, null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, "interrupted");
        }
    }
}
