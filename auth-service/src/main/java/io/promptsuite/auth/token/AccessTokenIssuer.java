package io.promptsuite.auth.token;

import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.key.KeyMaterial;
import io.promptsuite.auth.key.SigningKeyService;
import io.promptsuite.common.security.AuthVerificationConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Signs RFC 9068 access tokens ({@code typ: at+jwt}) with the current key. */
@ApplicationScoped
public class AccessTokenIssuer {

    public static final String TYPE = "at+jwt";

    @Inject
    AuthConfig config;

    @Inject
    AuthVerificationConfig verification;

    @Inject
    SigningKeyService keys;

    public String issue(TokenSubject subject) {
        Instant now = Instant.now();
        KeyMaterial key = keys.signingKey();
        JwtClaimsBuilder claims = Jwt.issuer(verification.issuer())
                .audience(config.tokens().audience())
                .subject(subject.subject())
                .groups(new HashSet<>(subject.roles()))
                .claim("jti", UUID.randomUUID().toString())
                .claim("client_id", subject.clientId())
                .issuedAt(now)
                .claim("nbf", now.getEpochSecond())
                .expiresAt(now.plus(config.tokens().accessTtl()));
        if (subject.tenantId() != null) {
            claims.claim("tid", subject.tenantId().toString()).claim("tenant", subject.tenantSlug());
        }
        if (subject.scope() != null && !subject.scope().isBlank()) {
            claims.claim("scope", subject.scope());
        }
        return claims.jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(key.kid())
                .header("typ", TYPE)
                .sign(key.privateKey());
    }

    public long lifetimeSeconds() {
        return config.tokens().accessTtl().toSeconds();
    }
}
