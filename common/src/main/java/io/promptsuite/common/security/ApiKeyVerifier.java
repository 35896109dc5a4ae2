package io.promptsuite.common.security;

/** Turns an API key into its caller, or refuses it with a {@link io.promptsuite.common.error.CredentialRejectedException}. */
public interface ApiKeyVerifier {

    String HEADER = "X-API-Key";

    Caller verify(String apiKey);

    /** The caller of a key checked moments ago, without blocking; null when it has to be checked. */
    default Caller cached(String apiKey) {
        return null;
    }

    /** Whether the key was found not valid moments ago (a negative cache), without blocking. */
    default boolean knownInvalid(String apiKey) {
        return false;
    }
}
