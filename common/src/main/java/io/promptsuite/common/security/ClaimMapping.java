package io.promptsuite.common.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.promptsuite.common.error.CredentialRejectedException;

/**
 * Turns the claims of an access token whose signature, issuer, audience and lifetime were already checked into the
 * {@link Caller}, reading each part from the claim the configuration names. A claim that is there but of the wrong
 * shape, or a tenant id without its slug, refuses the token with a 401 naming the claim: a token mapped wrongly must
 * stop at the door, not as a failed insert deep in a service.
 *
 * @param userId             claim of the user (or service client) id
 * @param tenantId           claim of the tenant id, a UUID
 * @param tenantSlug         claim of the tenant slug, required with a tenant id
 * @param roles              claim of the roles, a list of strings
 * @param scope              claim of the scopes, a space-separated string or a list of strings
 * @param clientId           claim of the OAuth client
 * @param acceptedPayloadTyp values the payload's {@code typ} must have; empty to accept any
 */
public record ClaimMapping(String userId, String tenantId, String tenantSlug, String roles, String scope,
        String clientId, List<String> acceptedPayloadTyp) {

    public static final String MISSING = "TOKEN_CLAIM_MISSING";
    public static final String INVALID = "TOKEN_CLAIM_INVALID";

    /** The longest user id the services store (author and actor columns are 100 characters). */
    static final int MAX_USER_ID = 100;

    /**
     * A tenant slug as auth-service gives them: services store and match it (prompt owners, VARCHAR(63)), so an
     * external issuer's slug must fit the same rule.
     */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** The mapping auth-service's own tokens follow. */
    public static final ClaimMapping SUITE = new ClaimMapping("sub", "tid", "tenant", "groups", "scope", "client_id", List.of());

    public ClaimMapping {
        acceptedPayloadTyp = List.copyOf(acceptedPayloadTyp);
    }

    public static ClaimMapping of(AuthVerificationConfig config) {
        AuthVerificationConfig.Claims claims = config.claims();
        return new ClaimMapping(claims.userId(), claims.tenantId(), claims.tenantSlug(), claims.roles(), claims.scope(),
                claims.clientId(), config.acceptedPayloadTyp().orElse(List.of()));
    }

    /** The caller these claims describe; a 401 when a mapped claim is missing or malformed. */
    public Caller caller(Map<String, Object> claims) {
        requirePayloadTyp(claims);
        String user = requiredString(claims, userId);
        if (user.length() > MAX_USER_ID) {
            // Services record who did what in 100-character columns; a longer id would fail every write instead.
            throw CredentialRejectedException.of(INVALID, "The access token's '" + userId + "' claim is longer than "
                    + MAX_USER_ID + " characters");
        }
        String tenant = tenant(claims);
        String slug = tenant == null ? null : slug(claims);
        return new Caller(user, tenant, slug, roles(claims), scopes(claims), optionalString(claims, clientId),
                Caller.Via.TOKEN, optionalString(claims, "jti"));
    }

    private void requirePayloadTyp(Map<String, Object> claims) {
        if (acceptedPayloadTyp.isEmpty()) {
            return;
        }
        Object typ = claims.get("typ");
        if (!(typ instanceof String value) || acceptedPayloadTyp.stream().noneMatch(value::equalsIgnoreCase)) {
            throw CredentialRejectedException.of("TOKEN_INVALID", "The token is not an access token");
        }
    }

    /** Absent means the token acts for no tenant (a service client); present, it must be a UUID. */
    private String tenant(Map<String, Object> claims) {
        Object value = find(claims, tenantId);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                UUID id = UUID.fromString(text.trim());
                // UUID.fromString also takes short forms like 1-2-3-4-5; a tenant id is only ever the canonical one.
                if (id.toString().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return id.toString();
                }
            } catch (IllegalArgumentException notAnId) {
                // refused below
            }
        }
        throw CredentialRejectedException.of(INVALID, "The access token's tenant id claim '" + tenantId + "' is not a tenant id");
    }

    private String slug(Map<String, Object> claims) {
        String slug = requiredString(claims, tenantSlug);
        if (!SLUG.matcher(slug).matches()) {
            throw CredentialRejectedException.of(INVALID, "The access token's tenant slug claim '" + tenantSlug
                    + "' is not a tenant slug (lower-case letters, digits and inner hyphens, at most 63)");
        }
        return slug;
    }

    private List<String> roles(Map<String, Object> claims) {
        Object value = find(claims, roles);
        if (value == null) {
            return List.of();
        }
        List<String> names = strings(value);
        if (names == null) {
            throw CredentialRejectedException.of(INVALID, "The access token's roles claim '" + roles + "' is not a list of role names");
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private Set<String> scopes(Map<String, Object> claims) {
        Object value = find(claims, scope);
        if (value == null) {
            return Set.of();
        }
        if (value instanceof String text) {
            return text.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(text.trim().split("\\s+")));
        }
        List<String> names = strings(value);
        if (names == null) {
            throw CredentialRejectedException.of(INVALID, "The access token's scope claim '" + scope + "' is neither a string nor a list of strings");
        }
        return Set.copyOf(names);
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> names = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String name) || name.isBlank()) {
                return null;
            }
            names.add(name);
        }
        return names;
    }

    private static String requiredString(Map<String, Object> claims, String name) {
        Object value = find(claims, name);
        if (value == null) {
            throw CredentialRejectedException.of(MISSING, "The access token has no '" + name + "' claim");
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw CredentialRejectedException.of(INVALID, "The access token's '" + name + "' claim is not a non-empty string");
        }
        return text;
    }

    private static String optionalString(Map<String, Object> claims, String name) {
        Object value = find(claims, name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw CredentialRejectedException.of(INVALID, "The access token's '" + name + "' claim is not a string");
        }
        return text;
    }

    /** The claim of that exact name, else the value a dotted path reaches through nested objects, else null. */
    static Object find(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object value = claims;
        for (String part : name.split("\\.", -1)) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }
}
