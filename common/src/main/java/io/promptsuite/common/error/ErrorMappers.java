package io.promptsuite.common.error;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.promptsuite.common.request.RequestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to the common error envelope; nothing else ever reaches the client. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    RequestIds requestIds;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status());
        e.headers().forEach(builder::header);
        return respond(builder, e.code(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<FieldError> fields = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return envelope(400, "VALIDATION_FAILED", "The request has invalid fields", Map.of("fields", fields));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return envelope(400, "UNKNOWN_FIELD", "Unknown field '" + e.getPropertyName() + "'",
                Map.of("fields", List.of(new FieldError(jsonPath(e), "unknown field"))));
    }

    @ServerExceptionMapper
    public Response badValue(InvalidFormatException e) {
        return envelope(400, "INVALID_FIELD", "Field '" + jsonPath(e) + "' has a value of the wrong type",
                Map.of("fields", List.of(new FieldError(jsonPath(e), "wrong type"))));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String path = jsonPath(e);
        if (path.isEmpty()) {
            return envelope(400, "MALFORMED_BODY", "The request body is not the JSON object this endpoint expects", Map.of());
        }
        return envelope(400, "INVALID_FIELD", "Field '" + path + "' has a value of the wrong type",
                Map.of("fields", List.of(new FieldError(path, "wrong type"))));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return envelope(400, "MALFORMED_JSON", "The request body is not valid JSON", Map.of());
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        String code = e.getAttribute(CredentialRejectedException.CODE);
        String message = e.getAttribute(CredentialRejectedException.MESSAGE);
        Integer status = e.getAttribute(CredentialRejectedException.STATUS);
        if (code == null) {
            code = "UNAUTHENTICATED";
            message = "Authentication failed";
        }
        if (status != null && status != 401) {
            Long retryAfter = e.getAttribute(CredentialRejectedException.RETRY_AFTER);
            long seconds = retryAfter == null ? 5 : retryAfter;
            return respond(Response.status(status).header("Retry-After", String.valueOf(seconds)), code, message,
                    status == 429 ? Map.of("retry_after_seconds", seconds) : Map.of());
        }
        return respond(Response.status(401).header("WWW-Authenticate", "Bearer"), code, message, Map.of());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(Response.status(401).header("WWW-Authenticate", "Bearer"), "UNAUTHENTICATED",
                "This endpoint needs a bearer token or an API key", Map.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return envelope(403, "FORBIDDEN", "Your role does not allow this", Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatch ? mismatched(mismatch) : malformed(json);
        }
        if (status >= 500) {
            LOG.errorf("Request failed with status %d: %s", status, e.getClass().getName());
            return envelope(status, "INTERNAL_ERROR", "Something went wrong on our side", Map.of());
        }
        return envelope(status, codeFor(status), messageFor(status), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                // Two writers raced past a uniqueness check: the loser hears what a sequential call would have.
                return envelope(409, "CONFLICT", "This conflicts with a change made at the same time; retry", Map.of());
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                // SQL class 22 (data exception): a value no column can hold, such as a NUL character or a number out
                // of range, that slipped past validation. It is the caller's input, so a 400, never a 500.
                return envelope(400, "INVALID_VALUE",
                        "A value in the request can't be stored (a NUL character, or a number or text out of range)", Map.of());
            }
        }
        // The class is enough to find the cause with the request id; messages may carry SQL or values.
        LOG.errorf("Unhandled %s (request %s)", causeChain(e), requestIds.current());
        LOG.debug("Unhandled exception", e);
        return envelope(500, "INTERNAL_ERROR", "Something went wrong on our side", Map.of());
    }

    private Response envelope(int status, String code, String message, Map<String, Object> details) {
        return respond(Response.status(status), code, message, details);
    }

    private Response respond(Response.ResponseBuilder builder, String code, String message, Map<String, Object> details) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message, details, requestIds.current()))
                .build();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER) {
                last = node.getName();
            }
        }
        return last == null ? violation.getPropertyPath().toString() : last;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Class names only: messages may hold SQL or values. */
    private static String causeChain(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            default -> "HTTP_" + status;
        };
    }

    static String messageFor(int status) {
        return switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "No acceptable representation";
            case 413 -> "The request body is too large";
            case 415 -> "This content type is not supported here";
            default -> Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase()
                    : "Request refused";
        };
    }
}
