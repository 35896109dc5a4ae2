package io.promptsuite.auth.user;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;

/**
 * Actions that change who holds which power need a person who signed in: creating API keys, creating users, changing
 * roles, disabling, enabling and deleting users, granting or revoking platform-admin. An API key can't do them even
 * with the admin role, so a leaked key can't be chained into more keys or a new admin account. (Revoking a key and
 * reading stay open to keys: they only lower power or show it.)
 */
public final class Interactive {

    public static final String CODE = "INTERACTIVE_SESSION_REQUIRED";

    private Interactive() {
    }

    public static void require(Caller caller, String action) {
        if (caller == null || !caller.interactive()) {
            throw new ApiException(403, CODE, action + " needs a person signed in; API keys and service clients can't do it");
        }
    }
}
