package io.promptsuite.common.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key taken from the {@code X-API-Key} header, waiting to be verified. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String apiKey;

    public ApiKeyAuthenticationRequest(String apiKey) {
        this.apiKey = apiKey;
    }

    public String apiKey() {
        return apiKey;
    }
}
