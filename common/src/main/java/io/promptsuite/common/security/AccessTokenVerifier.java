package io.promptsuite.common.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.promptsuite.common.error.CredentialRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Verifies an access token offline: signature against the issuer's keys (RS256/ES256 only), {@code typ}, {@code iss},
 * {@code aud}, {@code exp} and {@code nbf} with a small skew. Anything else is refused, including {@code alg: none}
 * and HMAC tokens signed with a public key.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private final AuthVerificationConfig config;
    private final JwtConsumer consumer;

    /** A verified token as it was, until its own expiry. */
    private record Verified(Caller caller, long expiresAtMillis) {
    }

    /**
     * Clients send the same token for minutes; its bytes verify the same way every time until it expires, so the
     * result is kept by the exact token string (a signature check and a JSON parse saved per request).
     */
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfter(Expiry.creating((String token, Verified v) ->
                    java.time.Duration.ofMillis(Math.max(0, v.expiresAtMillis() - System.currentTimeMillis()))))
            .build();

    @Inject
    public AccessTokenVerifier(AuthVerificationConfig config, VerificationKeySource keys) {
        this.config = config;
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(config.audience().toArray(String[]::new))
                .setVerificationKeyResolver(keys.resolver())
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
        if (!"any".equalsIgnoreCase(config.requiredTyp())) {
            builder.setExpectedType(true, config.requiredTyp());
        }
        this.consumer = builder.build();
    }

    /** The caller of a token verified before and not yet expired, or null. Never blocks. */
    public Caller cached(String token) {
        Verified hit = verified.getIfPresent(token);
        return hit != null && hit.expiresAtMillis() > System.currentTimeMillis() ? hit.caller() : null;
    }

    public Caller verify(String token) {
        Caller known = cached(token);
        if (known != null) {
            return known;
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw CredentialRejectedException.of("TOKEN_EXPIRED", "The access token has expired");
            }
            throw CredentialRejectedException.of("TOKEN_INVALID", "The access token is not valid");
        }
        try {
            String scope = claims.getClaimValueAsString("scope");
            Set<String> scopes = scope == null || scope.isBlank() ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
            Caller caller = new Caller(claims.getSubject(), claims.getClaimValueAsString(config.tenantClaim()),
                    claims.getClaimValueAsString("tenant"), List.copyOf(roles(claims)), Set.copyOf(scopes),
                    claims.getClaimValueAsString("client_id"), Caller.Via.TOKEN, claims.getJwtId());
            // Kept no longer than the token lives, less the skew the check allowed it.
            long expires = claims.getExpirationTime().getValueInMillis();
            verified.put(token, new Verified(caller, Math.min(expires, System.currentTimeMillis() + config.jwksCacheTtl().toMillis())));
            return caller;
        } catch (MalformedClaimException | ClassCastException e) {
            throw CredentialRejectedException.of("TOKEN_INVALID", "The access token has malformed claims");
        }
    }

    private List<String> roles(JwtClaims claims) {
        Object value = claims.getClaimsMap();
        for (String part : config.rolesClaim().split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<String> roles = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> roles.add(String.valueOf(item)));
        } else if (value instanceof String single) {
            roles.add(single);
        }
        return roles;
    }
}
