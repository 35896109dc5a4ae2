package io.promptsuite.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The token pair answered by the login API and the OAuth token endpoint (RFC 6749 §5.1 names). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, String scope) {
}
