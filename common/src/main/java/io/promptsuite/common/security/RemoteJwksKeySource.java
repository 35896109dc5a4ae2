package io.promptsuite.common.security;

import org.jose4j.http.Get;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keys fetched from the issuer's JWKS, cached for {@code suite.auth.jwks-cache-ttl}. A token with a kid not in the
 * cache triggers one refetch, so a freshly rotated key is picked up without waiting for the cache to age.
 */
@DefaultBean
@ApplicationScoped
public class RemoteJwksKeySource implements VerificationKeySource {

    private final VerificationKeyResolver resolver;

    @Inject
    public RemoteJwksKeySource(AuthVerificationConfig config) {
        HttpsJwks jwks = new HttpsJwks(config.jwksUrl());
        jwks.setDefaultCacheDuration(config.jwksCacheTtl().toSeconds());
        jwks.setRetainCacheOnErrorDuration(config.jwksCacheTtl().toSeconds());
        Get get = new Get();
        get.setConnectTimeout(2000);
        get.setReadTimeout(3000);
        jwks.setSimpleHttpGet(get);
        this.resolver = new HttpsJwksVerificationKeyResolver(jwks);
    }

    @Override
    public VerificationKeyResolver resolver() {
        return resolver;
    }
}
