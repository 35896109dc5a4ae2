package io.promptsuite.auth.apikey;

import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.promptsuite.auth.user.CredentialsChanged;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.common.security.RevocationChannels;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Tells every instance of every service, over Redis, that credentials lost power: each affected API key hash on
 * {@link RevocationChannels#API_KEYS}, the user id on {@link RevocationChannels#USERS}. What to announce is gathered
 * inside the transaction (a deleted user's keys can still be found), and sent only once it commits: a change that
 * rolls back announces nothing.
 */
@ApplicationScoped
public class AccessRevocations {

    private static final Logger LOG = Logger.getLogger(AccessRevocations.class);

    @Inject
    ApiKeyRepository keys;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** A user was disabled, deleted, demoted or changed credentials: their keys and streams re-check at once. */
    void onCredentialsChanged(@Observes CredentialsChanged change) {
        List<String> hashes = change.why().changesApiKeys() ? keys.liveHashesCreatedBy(change.userId()) : List.of();
        afterCommit(hashes, change.userId());
    }

    /** Announces the given key hashes and user (either may be empty/null) when the current transaction commits. */
    public void afterCommit(List<String> keyHashes, UUID userId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    announce(keyHashes, userId);
                }
            }
        });
    }

    private void announce(List<String> keyHashes, UUID userId) {
        try {
            var pubsub = redis.pubsub(String.class);
            for (String hash : keyHashes) {
                pubsub.publish(redisKeys.key("auth", RevocationChannels.API_KEYS), hash);
            }
            if (userId != null) {
                pubsub.publish(redisKeys.key("auth", RevocationChannels.USERS), userId.toString());
            }
        } catch (RuntimeException e) {
            // The database already says it; caches elsewhere expire within seconds (suite.auth.api-key-cache-ttl).
            LOG.warnf("Could not announce a revocation on Redis: %s", e.getClass().getSimpleName());
        }
    }
}
