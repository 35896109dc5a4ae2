package io.promptsuite.common.error;

import java.util.Map;

import io.quarkus.security.AuthenticationFailedException;

/**
 * A bearer token or API key that was presented and refused, with the reason as a stable code. Quarkus's own
 * exception is final, so the code rides along as an attribute that {@link ErrorMappers} reads back.
 */
public final class CredentialRejectedException {

    static final String CODE = "suite.code";
    static final String MESSAGE = "suite.message";
    static final String STATUS = "suite.status";
    static final String RETRY_AFTER = "suite.retry-after";

    private CredentialRejectedException() {
    }

    public static AuthenticationFailedException of(String code, String message) {
        return of(code, message, 401);
    }

    /** With another status than 401: 503 when the credential could not be checked at all. */
    public static AuthenticationFailedException of(String code, String message, int status) {
        return new AuthenticationFailedException(message, Map.of(CODE, code, MESSAGE, message, STATUS, status));
    }

    /** A refusal that ends by itself (429, 503): the client hears in {@code Retry-After} when to try again. */
    public static AuthenticationFailedException retryLater(String code, String message, int status, long retryAfterSeconds) {
        return new AuthenticationFailedException(message,
                Map.of(CODE, code, MESSAGE, message, STATUS, status, RETRY_AFTER, Math.max(1, retryAfterSeconds)));
    }
}
