package io.promptsuite.auth.key;

import java.security.PrivateKey;
import java.time.Instant;

import org.jose4j.jwk.PublicJsonWebKey;

/**
 * One key as the service uses it: the JWK (public part published), the private key when this instance may sign with
 * it, and the window in which it signs.
 */
public record KeyMaterial(String kid, PublicJsonWebKey jwk, PrivateKey privateKey, Instant signsFrom, Instant retiredAt) {

    public boolean signsAt(Instant now) {
        return privateKey != null && !signsFrom.isAfter(now) && (retiredAt == null || retiredAt.isAfter(now));
    }
}
