package io.promptsuite.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** Waits for a process the tests started to answer 200 on a URL: services, and third-party servers like Keycloak. */
public final class HttpReadiness {

    /** How a wait ended. */
    public enum Outcome {
        READY, EXITED, TIMED_OUT
    }

    private HttpReadiness() {
    }

    public static Outcome await(Process process, URI url, Duration timeout, Duration pause, Duration readTimeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return Outcome.EXITED;
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout((int) readTimeout.toMillis());
                if (connection.getResponseCode() == 200) {
                    return Outcome.READY;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.TIMED_OUT;
            }
        }
        return Outcome.TIMED_OUT;
    }
}
