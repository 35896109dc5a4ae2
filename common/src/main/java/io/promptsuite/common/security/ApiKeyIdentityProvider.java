package io.promptsuite.common.security;

import io.promptsuite.common.error.CredentialRejectedException;
import io.promptsuite.common.request.ClientAddress;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    @Inject
    ApiKeyVerifier verifier;

    @Inject
    UnknownApiKeys unknownKeys;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        Caller known = verifier.cached(request.apiKey());
        if (known != null) {
            return Uni.createFrom().item(CallerIdentities.of(known));
        }
        if (verifier.knownInvalid(request.apiKey())) {
            // A repeat of a key refused moments ago: no lookup, and nothing more to charge.
            return Uni.createFrom().failure(CredentialRejectedException.of("API_KEY_INVALID", "The API key is not valid"));
        }
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String source = rc == null ? null : ClientAddress.of(rc.request());
        return context.runBlocking(() -> {
            unknownKeys.checkBeforeLookup(source);
            try {
                return CallerIdentities.of(verifier.verify(request.apiKey()));
            } catch (AuthenticationFailedException e) {
                if ("API_KEY_INVALID".equals(e.getAttribute("suite.code"))) {
                    unknownKeys.rejected(source);
                }
                throw e;
            }
        });
    }
}
