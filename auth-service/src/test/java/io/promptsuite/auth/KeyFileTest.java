package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Production mode: the signing key is a mounted PEM file, and a previous one stays published. */
@QuarkusTest
@TestProfile(KeyFileTest.FromFiles.class)
class KeyFileTest {

    static KeyPair current;
    static KeyPair previous;

    public static class FromFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                current = generator.generateKeyPair();
                previous = generator.generateKeyPair();
                return Map.of("auth.signing.key-file", pem(current).toString(),
                        "auth.signing.previous-key-files", "file:" + pem(previous));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static Path pem(KeyPair pair) throws Exception {
            Path file = Files.createTempFile("signing-", ".pem");
            file.toFile().deleteOnExit();
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded());
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
            return file;
        }
    }

    @Test
    void tokensAreSignedWithTheMountedKeyAndThePreviousOneStaysPublished() throws Exception {
        String currentKid = new RSAKey.Builder((RSAPublicKey) current.getPublic()).build().computeThumbprint().toString();
        String previousKid = new RSAKey.Builder((RSAPublicKey) previous.getPublic()).build().computeThumbprint().toString();
        List<String> kids = json().get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys.kid");
        assertEquals(List.of(currentKid, previousKid), kids);

        SignedJWT token = SignedJWT.parse(bootstrapAdminToken());
        assertEquals(currentKid, token.getHeader().getKeyID());
        assertTrue(token.verify(new RSASSAVerifier((RSAPublicKey) current.getPublic())));
        bearer(token.serialize()).get("/api/v1/auth/me").then().statusCode(200);

        bearer(token.serialize()).post("/api/v1/signing-keys/rotate").then().statusCode(409)
                .body("code", equalTo("KEYS_FROM_FILE"));
    }
}
