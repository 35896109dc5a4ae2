package io.promptsuite.common.security;

/**
 * Redis channels (under the "auth" service's names, see {@code RedisKeys.key("auth", …)}) on which auth-service tells
 * every other instance that credentials lost their power, so caches and long-lived streams act at once.
 */
public final class RevocationChannels {

    /** Message: the SHA-256 hex of an API key that was revoked or whose power changed ({@link ApiKeyHashes}). */
    public static final String API_KEYS = ApiKeyHashes.REVOCATION_CHANNEL;

    /**
     * Message: the id of a user who was disabled, deleted, demoted or otherwise had their credentials changed. Streams
     * and caches that act for that user re-check or end.
     */
    public static final String USERS = "user-revocations";

    private RevocationChannels() {
    }
}
