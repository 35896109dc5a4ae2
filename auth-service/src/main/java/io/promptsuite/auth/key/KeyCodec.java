package io.promptsuite.auth.key;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/** Reading, writing and generating RSA keys as JWKs. */
final class KeyCodec {

    private KeyCodec() {
    }

    static RsaJsonWebKey generate(int bits) {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(bits);
            return describe(jwk);
        } catch (JoseException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /** A PKCS#8 PEM private key file, as mounted from a Kubernetes secret. */
    static RsaJsonWebKey fromPemFile(String location) {
        try {
            String pem = Files.readString(Path.of(location.startsWith("file:") ? location.substring(5) : location),
                    StandardCharsets.US_ASCII);
            PrivateKey privateKey = decodePkcs8(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            RsaJsonWebKey jwk = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            jwk.setPrivateKey(privateKey);
            return describe(jwk);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the signing key file " + location + ": " + e.getClass().getSimpleName());
        } catch (java.security.GeneralSecurityException | JoseException | ClassCastException e) {
            throw new IllegalStateException("The signing key file " + location + " is not a PKCS#8 RSA private key");
        }
    }

    static PrivateKey decodePkcs8(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
    }

    static String encodePkcs8(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static String publicJson(PublicJsonWebKey jwk) {
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    static PublicJsonWebKey parsePublic(String json) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(json);
        } catch (JoseException e) {
            throw new IllegalStateException("A stored public key cannot be read", e);
        }
    }

    /** kid is the RFC 7638 thumbprint, so the same key always has the same id on every instance. */
    private static RsaJsonWebKey describe(RsaJsonWebKey jwk) throws JoseException {
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jwk;
    }
}
