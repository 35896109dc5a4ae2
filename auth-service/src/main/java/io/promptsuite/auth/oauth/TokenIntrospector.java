package io.promptsuite.auth.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.promptsuite.auth.apikey.ApiKeyService;
import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.token.SessionService;
import io.promptsuite.common.security.AccessTokenVerifier;
import io.promptsuite.common.security.AuthVerificationConfig;
import io.promptsuite.common.security.Caller;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * RFC 7662 answers for the three kinds of credential this server hands out: access tokens (verified exactly as every
 * service verifies them), refresh tokens and API keys. Anything not good is {@code {"active": false}} and nothing more,
 * so an answer never tells an expired token from a forged one.
 */
@ApplicationScoped
public class TokenIntrospector {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    @Inject
    ApiKeyService apiKeys;

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    SessionService sessions;

    @Inject
    AuthConfig config;

    @Inject
    AuthVerificationConfig verification;

    private String issuer;
    private String audience;

    @PostConstruct
    void prepare() {
        issuer = verification.issuer();
        audience = config.tokens().audience();
    }

    public Map<String, Object> describe(String token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (token.startsWith(ApiKeyService.KEY_PREFIX)) {
            describeApiKey(token, answer);
        } else if (token.chars().filter(c -> c == '.').count() == 2) {
            describeAccessToken(token, answer);
        } else {
            describeRefreshToken(token, answer);
        }
        if (answer.isEmpty()) {
            return INACTIVE;
        }
        answer.values().removeIf(Objects::isNull);
        return answer;
    }

    private void describeApiKey(String token, Map<String, Object> answer) {
        apiKeys.verify(token).ifPresent(verified -> {
            answer.put("active", true);
            answer.put("token_type", "api_key");
            answer.put("sub", verified.key().createdBy.toString());
            answer.put("tid", verified.key().tenantId.toString());
            answer.put("tenant", verified.tenant().slug);
            answer.put("groups", List.of(verified.role()));
            answer.put("key_id", verified.key().id.toString());
            answer.put("iss", issuer);
            // A key is accepted by every service of the suite, the same audience its access tokens name.
            answer.put("aud", audience);
            if (verified.key().createdAt != null) {
                answer.put("iat", verified.key().createdAt.toEpochSecond());
            }
            if (verified.key().expiresAt != null) {
                answer.put("exp", verified.key().expiresAt.toEpochSecond());
            }
        });
    }

    private void describeAccessToken(String token, Map<String, Object> answer) {
        Caller caller;
        JwtClaims claims;
        try {
            caller = verifier.verify(token);
            // Verified just above; what remains is reading the times and audience it states.
            claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (AuthenticationFailedException | InvalidJwtException | IllegalArgumentException rejected) {
            return;
        }
        try {
            answer.put("active", true);
            answer.put("token_type", "access_token");
            answer.put("sub", caller.userId());
            answer.put("client_id", caller.clientId());
            answer.put("tid", caller.tenantId());
            answer.put("tenant", caller.tenantSlug());
            answer.put("groups", caller.roles());
            answer.put("scope", String.join(" ", caller.scopes()));
            answer.put("jti", caller.credentialId());
            answer.put("iss", claims.getIssuer());
            List<String> audiences = claims.getAudience();
            answer.put("aud", audiences.size() == 1 ? audiences.get(0) : audiences);
            answer.put("iat", claims.getIssuedAt() == null ? null : claims.getIssuedAt().getValue());
            answer.put("exp", claims.getExpirationTime().getValue());
        } catch (MalformedClaimException unreadable) {
            answer.clear();
        }
    }

    private void describeRefreshToken(String token, Map<String, Object> answer) {
        sessions.active(token).ifPresent(refresh -> {
            answer.put("active", true);
            answer.put("token_type", "refresh_token");
            answer.put("sub", refresh.userId.toString());
            answer.put("client_id", refresh.clientId);
            answer.put("tid", refresh.tenantId.toString());
            answer.put("scope", refresh.scope);
            answer.put("iss", issuer);
            // It buys access tokens for the suite: the audience those carry.
            answer.put("aud", audience);
            answer.put("iat", refresh.createdAt == null ? null : refresh.createdAt.toEpochSecond());
            answer.put("exp", refresh.expiresAt.toEpochSecond());
        });
    }
}
