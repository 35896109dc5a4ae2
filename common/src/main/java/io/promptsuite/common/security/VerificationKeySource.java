package io.promptsuite.common.security;

import org.jose4j.keys.resolvers.VerificationKeyResolver;

/** Where the public keys that verify access tokens come from. */
public interface VerificationKeySource {

    VerificationKeyResolver resolver();
}
