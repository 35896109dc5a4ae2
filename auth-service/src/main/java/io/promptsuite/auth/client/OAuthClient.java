package io.promptsuite.auth.oauth;

import java.util.List;

/**
 * An OAuth client as the token endpoint sees it.
 *
 * @param secretHash SHA-256 of the secret; null for public clients such as the CLI
 */
public record OAuthClient(String clientId, String name, String secretHash, List<String> grantTypes, List<String> scopes) {

    public static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    public boolean confidential() {
        return secretHash != null;
    }

    public boolean allows(String grantType) {
        return grantTypes.contains(grantType);
    }
}
