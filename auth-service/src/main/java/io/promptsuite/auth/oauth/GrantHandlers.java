package io.promptsuite.auth.oauth;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.token.TokenResponse;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every {@link GrantHandler} by its grant type: the token endpoint's dispatch and discovery's list of grants. */
@ApplicationScoped
public class GrantHandlers {

    @Inject
    @Any
    Instance<GrantHandler> handlers;

    private Map<String, GrantHandler> byType;

    GrantHandlers() {
    }

    /** For tests: the given handlers instead of the beans. */
    GrantHandlers(Iterable<GrantHandler> handlers) {
        byType = indexed(handlers);
    }

    @PostConstruct
    void index() {
        byType = indexed(handlers);
    }

    private static Map<String, GrantHandler> indexed(Iterable<GrantHandler> handlers) {
        Map<String, GrantHandler> index = new TreeMap<>();
        for (GrantHandler handler : handlers) {
            if (index.put(handler.grantType(), handler) != null) {
                throw new IllegalStateException("Two handlers claim grant type " + handler.grantType());
            }
        }
        return Map.copyOf(index);
    }

    public TokenResponse handle(TokenRequest request) {
        String grantType = request.param("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        GrantHandler handler = byType.get(grantType);
        if (handler == null) {
            throw new OAuthException(400, "unsupported_grant_type", "Unsupported grant_type");
        }
        if (!handler.enabled()) {
            throw new OAuthException(400, "unsupported_grant_type", "The " + grantType + " grant is disabled");
        }
        return handler.handle(request);
    }

    /** The grant types the token endpoint accepts now, in a stable order. */
    public List<String> enabledGrantTypes() {
        return byType.values().stream().filter(GrantHandler::enabled).map(GrantHandler::grantType).sorted().toList();
    }
}
