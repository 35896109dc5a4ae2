package io.promptsuite.common.security;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.promptsuite.common.redis.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Lets long-lived work (an SSE stream, say) end the moment auth-service announces that the credential behind it lost
 * its power: a user disabled, deleted, demoted or with a new password ({@link RevocationChannels#USERS}), or an API key
 * revoked ({@link RevocationChannels#API_KEYS}). Subscribes to the two channels on first use only, so services that
 * never watch pay nothing.
 */
@ApplicationScoped
public class RevocationListener {

    private static final Logger LOG = Logger.getLogger(RevocationListener.class);

    /** One watcher: whose revocation ends it, and what to do then. */
    public final class Watch implements AutoCloseable {
        private final String userId;
        private final String apiKeyHash;
        private final Runnable revoked;

        private Watch(String userId, String apiKeyHash, Runnable revoked) {
            this.userId = userId;
            this.apiKeyHash = apiKeyHash;
            this.revoked = revoked;
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }

    private final Set<Watch> watches = new CopyOnWriteArraySet<>();
    private final AtomicBoolean listening = new AtomicBoolean();

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisKeys redisKeys;

    /**
     * Calls {@code revoked} (once, on an event-loop thread) when the user or the API key (by its
     * {@link ApiKeyHashes#sha256 hash}; null for token callers) is announced as revoked. Close the watch when done.
     */
    public Watch watch(String userId, String apiKeyHash, Runnable revoked) {
        listen();
        Watch watch = new Watch(userId, apiKeyHash, revoked);
        watches.add(watch);
        return watch;
    }

    private void listen() {
        if (!listening.compareAndSet(false, true)) {
            return;
        }
        String users = redisKeys.key("auth", RevocationChannels.USERS);
        String keys = redisKeys.key("auth", RevocationChannels.API_KEYS);
        redis.pubsub(String.class).subscribe(users, userId -> fire(userId, null))
                .subscribe().with(ok -> LOG.debug("Listening for user revocations"), this::notListening);
        redis.pubsub(String.class).subscribe(keys, hash -> fire(null, hash))
                .subscribe().with(ok -> LOG.debug("Listening for API key revocations"), this::notListening);
    }

    private void notListening(Throwable failure) {
        // The next watcher tries again; meanwhile streams still end at token expiry and at their periodic key re-check.
        listening.set(false);
        LOG.warnf("Not listening for credential revocations (%s)", failure.getClass().getSimpleName());
    }

    private void fire(String userId, String apiKeyHash) {
        for (Watch watch : watches) {
            boolean hit = (userId != null && userId.equals(watch.userId))
                    || (apiKeyHash != null && apiKeyHash.equals(watch.apiKeyHash));
            if (hit && watches.remove(watch)) {
                try {
                    watch.revoked.run();
                } catch (RuntimeException e) {
                    LOG.warnf("A revocation watcher failed: %s", e.getClass().getSimpleName());
                }
            }
        }
    }
}
