package io.promptsuite.common.security;

import java.util.List;

import org.jose4j.jwa.AlgorithmConstraints;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.TypeValidator;

import io.promptsuite.common.error.CredentialRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Verifies an access token offline: signature against the issuer's keys (RS256/ES256 only), {@code typ}, {@code iss},
 * {@code aud}, {@code exp} and {@code nbf} with a small skew. Anything else is refused, including {@code alg: none}
 * and HMAC tokens signed with a public key. The claims then become the {@link Caller} through the configured
 * {@link ClaimMapping}, which refuses a token whose mapped claims are missing or malformed.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private final AuthVerificationConfig config;
    private final JwtConsumer consumer;
    private final ClaimMapping mapping;

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
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(config.audience().toArray(String[]::new))
                .setVerificationKeyResolver(keys.resolver())
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
        if (config.acceptedTyp().stream().noneMatch("any"::equalsIgnoreCase)) {
            builder.registerValidator(anyOf(config.acceptedTyp()));
        }
        this.consumer = builder.build();
        this.mapping = ClaimMapping.of(config);
    }

    /**
     * Passes a token whose header {@code typ} is one of these, compared as media types the way jose4j does
     * ({@code at+jwt} equals {@code application/at+jwt}).
     */
    static ErrorCodeValidator anyOf(List<String> acceptedTyp) {
        List<TypeValidator> each = acceptedTyp.stream().map(typ -> new TypeValidator(true, typ)).toList();
        return context -> {
            ErrorCodeValidator.Error refused = null;
            for (TypeValidator validator : each) {
                ErrorCodeValidator.Error error = validator.validate(context);
                if (error == null) {
                    return null;
                }
                refused = refused == null ? error : refused;
            }
            return refused;
        };
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
        Caller caller = mapping.caller(claims.getClaimsMap());
        long expires;
        try {
            expires = claims.getExpirationTime().getValueInMillis();
        } catch (MalformedClaimException e) {
            throw CredentialRejectedException.of("TOKEN_INVALID", "The access token has malformed claims");
        }
        // Kept no longer than the token lives, and no longer than the keys that verified it are trusted.
        verified.put(token, new Verified(caller, Math.min(expires, System.currentTimeMillis() + config.jwksCacheTtl().toMillis())));
        return caller;
    }
}
