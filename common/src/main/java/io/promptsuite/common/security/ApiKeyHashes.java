package io.promptsuite.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys are long random strings, so a plain SHA-256 is the right hash: it is what auth-service stores, what caches
 * are keyed by, and what revocation messages name. The key itself never leaves the request that carried it.
 */
public final class ApiKeyHashes {

    /** Redis channel (under the "auth" service's names) on which auth-service announces revoked key hashes. */
    public static final String REVOCATION_CHANNEL = "api-key-revocations";

    private ApiKeyHashes() {
    }

    public static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
