package io.promptsuite.auth.key;

import org.jose4j.keys.resolvers.VerificationKeyResolver;

import io.promptsuite.common.security.VerificationKeySource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * auth-service verifies tokens on the same path as every other service, with its own published keys in place of a
 * JWKS fetched over HTTP.
 */
@ApplicationScoped
public class LocalKeySource implements VerificationKeySource {

    @Inject
    SigningKeyService keys;

    @Override
    public VerificationKeyResolver resolver() {
        return (jws, nestingContext) -> keys.resolver().resolveKey(jws, nestingContext);
    }
}
