package io.promptsuite.common.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;
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

    public Caller verify(String token) {
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
            return new Caller(claims.getSubject(), claims.getClaimValueAsString(config.tenantClaim()),
                    claims.getClaimValueAsString("tenant"), roles(claims), scopes,
                    claims.getClaimValueAsString("client_id"), Caller.Via.TOKEN, claims.getJwtId());
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
