package io.promptsuite.common.security;

/** Turns an API key into its caller, or refuses it with a {@link io.promptsuite.common.error.CredentialRejectedException}. */
public interface ApiKeyVerifier {

    String HEADER = "X-API-Key";

    Caller verify(String apiKey);
}
