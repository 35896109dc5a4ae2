package io.promptsuite.auth.token;

import java.util.List;
import java.util.UUID;

/**
 * What an access token says about its bearer.
 *
 * @param subject  user id, or the client id for service clients
 * @param tenantId null for service clients
 */
public record TokenSubject(String subject, UUID tenantId, String tenantSlug, List<String> roles, String scope,
        String clientId) {
}
