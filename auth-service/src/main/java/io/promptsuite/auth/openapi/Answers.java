package io.promptsuite.auth.openapi;

/**
 * Descriptions that several operations of the OpenAPI document share, word for word. Answers that every operation
 * gives the same way (400, 401, 403, 404, 413, 415 and the {@code Error} schema) come from the shared
 * {@code WireContractFilter}; these are the operation-specific ones that repeat.
 */
public final class Answers {

    public static final String RETRY_AFTER = "Retry-After";
    public static final String RETRY_AFTER_SECONDS = "Seconds until a retry can succeed.";
    public static final String LOCATION = "Location";
    public static final String LOCATION_OF_CREATED = "Where a GET answers the new object.";

    public static final String SIGN_IN_LOCKED = "Too many failed sign-ins for this account (`ACCOUNT_LOCKED`) or from "
            + "this address (`SOURCE_LOCKED`); `Retry-After` says when the lock ends.";
    public static final String SIGN_IN_UNAVAILABLE = "Sign-in can't be checked right now: too many at once for this "
            + "account or address, or the password-hash pool is full (`AUTH_BUSY`), or the attempt counters "
            + "(Redis) are unreachable (`LOCKOUT_UNAVAILABLE`); retry after `Retry-After` seconds.";
    public static final String HASHING_BUSY = "The password-hash pool is full (`AUTH_BUSY`); retry after `Retry-After` "
            + "seconds.";
    public static final String OAUTH_BAD_REQUEST = "An OAuth error (`invalid_request`, `invalid_grant`, "
            + "`unsupported_grant_type`, `unauthorized_client`, `invalid_scope`, or during the device flow "
            + "`authorization_pending`, `slow_down`, `access_denied`, `expired_token`).";
    public static final String OAUTH_NO_TOKEN = "No `token`, or a parameter given twice (`invalid_request`).";
    public static final String OAUTH_INVALID_CLIENT = "The client could not be authenticated (`invalid_client`).";
    public static final String OAUTH_FORM = "application/x-www-form-urlencoded";

    private Answers() {
    }
}
