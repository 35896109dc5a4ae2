package io.promptsuite.common.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class AccessTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    AccessTokenVerifier verifier;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Caller known = verifier.cached(token);
        if (known != null) {
            return Uni.createFrom().item(CallerIdentities.of(known));
        }
        // Blocking: an unknown kid may fetch the JWKS.
        return context.runBlocking(() -> CallerIdentities.of(verifier.verify(token)));
    }
}
