package io.promptsuite.auth.apikey;

import java.util.List;
import java.util.Set;

import io.promptsuite.common.error.CredentialRejectedException;
import io.promptsuite.common.security.ApiKeyVerifier;
import io.promptsuite.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** auth-service checks API keys against its own table instead of introspecting itself. */
@ApplicationScoped
public class LocalApiKeyVerifier implements ApiKeyVerifier {

    @Inject
    ApiKeyService keys;

    @Override
    public boolean knownInvalid(String apiKey) {
        return keys.knownInvalid(apiKey);
    }

    @Override
    public Caller verify(String apiKey) {
        ApiKeyService.Verified verified = keys.verify(apiKey)
                .orElseThrow(() -> CredentialRejectedException.of("API_KEY_INVALID", "The API key is not valid"));
        return new Caller(verified.key().createdBy.toString(), verified.key().tenantId.toString(), verified.tenant().slug,
                List.of(verified.role()), Set.of(), null, Caller.Via.API_KEY, verified.key().id.toString());
    }
}
