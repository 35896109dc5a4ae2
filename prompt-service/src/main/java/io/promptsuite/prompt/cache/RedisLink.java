package io.promptsuite.prompt.cache;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Whether Redis answers and this instance hears every change through it. Written only by {@link ChangeBus}, which
 * pings Redis and holds the subscription; read by the caches, which trust their in-process copies only while
 * {@link #inSync()}.
 */
@ApplicationScoped
public class RedisLink {

    private static final Logger LOG = Logger.getLogger(RedisLink.class);

    private volatile boolean up;
    private volatile boolean subscribed;

    public boolean up() {
        return up;
    }

    /** True while this instance is sure to hear every change: only then may it serve from its own memory. */
    public boolean inSync() {
        return up && subscribed;
    }

    /**
     * A Redis call on a request's path failed. The request goes on from PostgreSQL; whether Redis is down is for the
     * bus's periodic check to decide, so a burst of busy-pool errors doesn't throw away every cache.
     */
    public void callFailed(Throwable cause) {
        LOG.debugf("Redis call failed (%s); answered from PostgreSQL", cause.getClass().getSimpleName());
    }

    void answered() {
        up = true;
    }

    void subscribed() {
        subscribed = true;
    }

    /** Answers whether Redis was up until now. */
    boolean lost() {
        boolean was = up;
        up = false;
        subscribed = false;
        return was;
    }
}
