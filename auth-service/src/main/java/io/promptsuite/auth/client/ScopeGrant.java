package io.promptsuite.auth.client;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which scopes a client gets for a requested scope string (RFC 6749 §3.3): all of its own when it asks for none,
 * otherwise exactly what it asked for, once each in the order asked, provided every one is among its own. Asking for
 * one scope it doesn't have refuses the whole request rather than silently narrowing it: a client that gets less than
 * it asked for would only find out when a call fails.
 */
public final class ScopeGrant {

    private ScopeGrant() {
    }

    /**
     * @param allowed the client's scopes
     * @param requested the {@code scope} parameter as sent; null or blank for none
     * @return the granted scopes, space-separated
     * @throws OAuthException {@code invalid_scope} when a requested scope is not among {@code allowed}
     */
    public static String grant(List<String> allowed, String requested) {
        if (requested == null || requested.isBlank()) {
            return String.join(" ", allowed);
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.strip().split("\\s+")));
        if (!allowed.containsAll(asked)) {
            throw new OAuthException(400, "invalid_scope", "Scope not allowed for this client");
        }
        return String.join(" ", asked);
    }
}
