package io.promptsuite.auth.oauth;

import java.util.Map;

/**
 * A token-endpoint request: the {@code Authorization} header (for HTTP Basic client authentication) and the form,
 * each parameter present once.
 */
public record TokenRequest(String authorization, Map<String, String> form) {

    public String param(String name) {
        return form.get(name);
    }
}
