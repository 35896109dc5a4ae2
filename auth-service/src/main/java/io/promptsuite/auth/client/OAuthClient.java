package io.promptsuite.auth.client;

import java.util.List;

/**
 * An OAuth client as the OAuth endpoints see it.
 *
 * @param secretHash SHA-256 of the secret; null for public clients such as the CLI
 */
public record OAuthClient(String clientId, String name, String secretHash, List<String> grantTypes, List<String> scopes) {

    public boolean confidential() {
        return secretHash != null;
    }

    public boolean allows(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** The scope a token for this client carries when it asks for {@code requested}; see {@link ScopeGrant}. */
    public String grantScope(String requested) {
        return ScopeGrant.grant(scopes, requested);
    }
}
