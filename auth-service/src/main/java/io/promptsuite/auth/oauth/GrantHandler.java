package io.promptsuite.auth.oauth;

import io.promptsuite.auth.token.TokenResponse;

/**
 * One grant type of the token endpoint (RFC 6749 §4). Each is a bean of its own; {@link GrantHandlers} picks it by
 * {@code grant_type}, and discovery advertises exactly the enabled ones.
 */
public interface GrantHandler {

    /** The {@code grant_type} value this handler answers, e.g. {@code refresh_token}. */
    String grantType();

    /** A disabled grant is refused as unsupported and not advertised. */
    default boolean enabled() {
        return true;
    }

    /** Authenticates the client, checks the grant and answers its tokens; failures are {@code OAuthException}s. */
    TokenResponse handle(TokenRequest request);
}
