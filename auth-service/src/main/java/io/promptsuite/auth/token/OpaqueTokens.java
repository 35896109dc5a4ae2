package io.promptsuite.auth.token;

import java.security.SecureRandom;
import java.util.Base64;

/** Random opaque strings for refresh tokens, device codes, API keys and client secrets. */
public final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueTokens() {
    }

    /** 256 random bits, base64url without padding. */
    public static String random() {
        return random(32);
    }

    public static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    public static SecureRandom rng() {
        return RANDOM;
    }
}
