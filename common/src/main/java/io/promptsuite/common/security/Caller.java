package io.promptsuite.common.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.promptsuite.common.error.ApiException;

/**
 * Who is calling, as proven by a verified token or API key. The tenant always comes from here, never from the request.
 *
 * @param userId   the user (or service client id for service tokens)
 * @param tenantId the tenant id, null for service clients without a tenant
 * @param roles    the roles as granted (not expanded)
 * @param via      how the caller authenticated
 */
public record Caller(String userId, String tenantId, String tenantSlug, List<String> roles, Set<String> scopes,
        String clientId, Via via, String credentialId) {

    public enum Via {
        TOKEN, API_KEY
    }

    /**
     * The tenant as an id; a 403 for callers that act for no tenant (a service client, an external issuer's token
     * without the tenant claim) instead of a failure deep in a query. A token's tenant id is already checked to be one
     * by {@link ClaimMapping}; the check here covers callers from every other source.
     */
    public UUID tenant() {
        if (tenantId == null) {
            throw ApiException.forbidden("This endpoint acts on a tenant and the caller has none");
        }
        try {
            return UUID.fromString(tenantId);
        } catch (IllegalArgumentException e) {
            throw ApiException.forbidden("The caller's tenant claim is not a tenant id");
        }
    }

    public boolean has(String role) {
        return Roles.expand(roles).contains(role);
    }

    /**
     * A person who signed in (a user's access token, from a sign-in or the device flow), as opposed to an API key or a
     * service client. Some actions need one: an attacker holding a stolen key must not be able to mint more power.
     */
    public boolean interactive() {
        return via == Via.TOKEN && tenantId != null;
    }
}
