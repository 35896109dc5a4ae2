package io.promptsuite.auth.token;

import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.key.KeyMaterial;
import io.promptsuite.auth.key.SigningKeyService;
import io.promptsuite.common.security.AuthVerificationConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Signs RFC 9068 access tokens ({@code typ: at+jwt}) with the current key. Built with jose4j directly: the token is
 * on the hot path of every refresh and client-credentials grant, and a builder that reads its defaults from
 * configuration on every call cost more than the claims themselves.
 */
@ApplicationScoped
public class AccessTokenIssuer {

    public static final String TYPE = "at+jwt";

    @Inject
    AuthConfig config;

    @Inject
    AuthVerificationConfig verification;

    @Inject
    SigningKeyService keys;

    private String issuer;
    private String audience;
    private long lifetimeSeconds;

    @PostConstruct
    void prepare() {
        issuer = verification.issuer();
        audience = config.tokens().audience();
        lifetimeSeconds = config.tokens().accessTtl().toSeconds();
    }

    public String issue(TokenSubject subject) {
        long now = System.currentTimeMillis() / 1000;
        KeyMaterial key = keys.signingKey();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject.subject());
        claims.setStringListClaim("groups", List.copyOf(new java.util.LinkedHashSet<>(subject.roles())));
        claims.setJwtId(UUID.randomUUID().toString());
        if (subject.clientId() != null) {
            claims.setClaim("client_id", subject.clientId());
        }
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetimeSeconds));
        if (subject.tenantId() != null) {
            claims.setClaim("tid", subject.tenantId().toString());
            claims.setClaim("tenant", subject.tenantSlug());
        }
        if (subject.scope() != null && !subject.scope().isBlank()) {
            claims.setClaim("scope", subject.scope());
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.kid());
        jws.setHeader("typ", TYPE);
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Signing an access token failed", e);
        }
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }
}
