package io.promptsuite.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the caller should hear about: an HTTP status, a stable machine-readable code and a human message.
 * Thrown from any layer; {@link ErrorMappers} turns it into the common envelope.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** A 400 naming one bad field, in the same shape as bean-validation failures. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "VALIDATION_FAILED", "The request has invalid fields",
                Map.of("fields", java.util.List.of(new FieldError(field, message))));
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message);
    }

    public static ApiException unauthenticated(String code, String message) {
        return new ApiException(401, code, message);
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
