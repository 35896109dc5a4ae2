package io.promptsuite.auth.key;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jboss.logging.Logger;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.common.error.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The issuer's keys. A new key is published at once and signs only after {@code publish-ahead} (one verifier cache
 * period), so no verifier meets a kid it hasn't had the chance to fetch; a retired key stays published until the
 * longest access token it signed has expired, plus that period. The JWKS is prepared once per change, as bytes.
 */
@ApplicationScoped
public class SigningKeyService {

    private static final Logger LOG = Logger.getLogger(SigningKeyService.class);

    private record Snapshot(List<KeyMaterial> keys, byte[] jwks, VerificationKeyResolver resolver) {
    }

    @Inject
    AuthConfig config;

    @Inject
    SigningKeyRepository repository;

    private volatile Snapshot snapshot;

    void onStart(@Observes StartupEvent event) {
        if (config.signing().keyFile().isEmpty()) {
            QuarkusTransaction.requiringNew().run(this::ensureStoredKey);
        }
        reload();
    }

    /** Each instance re-reads the stored keys regularly, so a rotation done on another instance reaches it. */
    @Scheduled(every = "${auth.signing.reload-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        List<KeyMaterial> keys = config.signing().keyFile().isPresent() ? fileKeys() : QuarkusTransaction.requiringNew().call(this::storedKeys);
        JsonWebKeySet set = new JsonWebKeySet();
        List<JsonWebKey> publicKeys = new ArrayList<>();
        for (KeyMaterial key : keys) {
            PublicJsonWebKey publicOnly = KeyCodec.parsePublic(KeyCodec.publicJson(key.jwk()));
            set.addJsonWebKey(publicOnly);
            publicKeys.add(publicOnly);
        }
        byte[] jwks = set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
        snapshot = new Snapshot(List.copyOf(keys), jwks, new JwksVerificationKeyResolver(publicKeys));
    }

    public KeyMaterial signingKey() {
        Instant now = Instant.now();
        return snapshot.keys().stream()
                .filter(key -> key.signsAt(now))
                .max(Comparator.comparing(KeyMaterial::signsFrom))
                .orElseThrow(() -> new IllegalStateException("No signing key is active"));
    }

    public byte[] jwks() {
        return snapshot.jwks();
    }

    public VerificationKeyResolver resolver() {
        return snapshot.resolver();
    }

    public List<KeyMaterial> keys() {
        return snapshot.keys();
    }

    /** Adds a key that signs after the publish-ahead period and retires the current one at that moment. */
    public KeyMaterial rotate() {
        if (config.signing().keyFile().isPresent()) {
            throw ApiException.conflict("KEYS_FROM_FILE",
                    "Signing keys come from a mounted file: rotate by mounting the new key and listing the old one in auth.signing.previous-key-files");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            repository.lockForKeyChange();
            OffsetDateTime signsFrom = OffsetDateTime.now(ZoneOffset.UTC).plus(config.signing().publishAhead());
            for (SigningKey key : repository.list("retiredAt is null")) {
                key.retiredAt = signsFrom;
            }
            repository.persist(newKey(signsFrom));
        });
        reload();
        return snapshot.keys().stream().max(Comparator.comparing(KeyMaterial::signsFrom)).orElseThrow();
    }

    private void ensureStoredKey() {
        repository.lockForKeyChange();
        if (repository.count("retiredAt is null") == 0) {
            repository.persist(newKey(OffsetDateTime.now(ZoneOffset.UTC)));
            LOG.info("Generated a signing key for local use; mount one with AUTH_SIGNING_KEY_FILE in production");
        }
    }

    private SigningKey newKey(OffsetDateTime signsFrom) {
        RsaJsonWebKey jwk = KeyCodec.generate(config.signing().rsaKeySize());
        SigningKey key = new SigningKey();
        key.kid = jwk.getKeyId();
        key.algorithm = jwk.getAlgorithm();
        key.privateKey = KeyCodec.encodePkcs8(jwk.getPrivateKey());
        key.publicJwk = KeyCodec.publicJson(jwk);
        key.signsFrom = signsFrom;
        return key;
    }

    private List<KeyMaterial> storedKeys() {
        Instant publishedUntil = Instant.now().minus(retention());
        List<KeyMaterial> keys = new ArrayList<>();
        for (SigningKey key : repository.newestFirst()) {
            if (key.retiredAt != null && key.retiredAt.toInstant().isBefore(publishedUntil)) {
                continue;
            }
            PublicJsonWebKey jwk = KeyCodec.parsePublic(key.publicJwk);
            keys.add(new KeyMaterial(key.kid, jwk, KeyCodec.decodePkcs8(key.privateKey), key.signsFrom.toInstant(),
                    key.retiredAt == null ? null : key.retiredAt.toInstant()));
        }
        return keys;
    }

    private List<KeyMaterial> fileKeys() {
        List<KeyMaterial> keys = new ArrayList<>();
        RsaJsonWebKey current = KeyCodec.fromPemFile(config.signing().keyFile().orElseThrow());
        keys.add(new KeyMaterial(current.getKeyId(), current, current.getPrivateKey(), Instant.EPOCH, null));
        for (String previous : config.signing().previousKeyFiles().orElse(List.of())) {
            RsaJsonWebKey old = KeyCodec.fromPemFile(previous);
            keys.add(new KeyMaterial(old.getKeyId(), old, null, Instant.EPOCH, Instant.EPOCH));
        }
        return keys;
    }

    /** How long a retired key stays published: its longest token's life plus one verifier cache period. */
    private Duration retention() {
        return config.tokens().accessTtl().plus(config.signing().verifierCachePeriod());
    }

    /** Keys past their retention are of no use to anyone; forget them. */
    @Scheduled(every = "1h", delayed = "1m")
    void forgetExpiredKeys() {
        if (config.signing().keyFile().isEmpty()) {
            OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(retention());
            QuarkusTransaction.requiringNew().run(() -> repository.delete("retiredAt < ?1", cutoff));
        }
    }
}
