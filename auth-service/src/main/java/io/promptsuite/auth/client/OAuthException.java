package io.promptsuite.auth.client;

/** An OAuth 2.0 error (RFC 6749 §5.2, RFC 8628 §3.5): answered as {@code {"error", "error_description"}}. */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(401, "invalid_client", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
