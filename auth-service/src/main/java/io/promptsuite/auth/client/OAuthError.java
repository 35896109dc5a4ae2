package io.promptsuite.auth.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The error body of the OAuth endpoints (RFC 6749 §5.2, RFC 8628 §3.5, RFC 7009, RFC 7662), which OAuth client
 * libraries parse; the suite's envelope would be foreign to them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "OAuthError", description = "An OAuth 2.0 error (RFC 6749 §5.2).", requiredProperties = "error")
public record OAuthError(
        @Schema(description = "The RFC's error code, e.g. `invalid_client`, `invalid_grant`, `authorization_pending`.")
        String error,
        @Schema(description = "What went wrong, for a person.")
        String errorDescription) {
}
