package io.promptsuite.common.security;

import io.promptsuite.common.error.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The verified caller of the current request. */
@RequestScoped
public class CallerContext {

    public static final String ATTRIBUTE = "suite.caller";

    @Inject
    SecurityIdentity identity;

    /** The caller; a 401 when the request carries no valid credential. */
    public Caller caller() {
        Caller caller = identity.isAnonymous() ? null : identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw ApiException.unauthenticated("UNAUTHENTICATED", "This endpoint needs a bearer token or an API key");
        }
        return caller;
    }

    /** The caller's tenant id; a 403 for callers that act for no tenant. */
    public String tenantId() {
        return caller().tenant().toString();
    }

    /** The caller's tenant; a 403 for callers that act for no tenant. */
    public java.util.UUID tenant() {
        return caller().tenant();
    }
}
