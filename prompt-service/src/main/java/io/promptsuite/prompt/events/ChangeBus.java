package io.promptsuite.prompt.events;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.prompt.cache.PromptHeadCache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Carries prompt changes between instances over Redis pub/sub. A change is applied locally the moment its transaction
 * commits, then published; other instances drop their cached head and tell their SSE subscribers. While Redis is
 * unreachable nothing can reach the other instances, so the caches stop trusting their in-process copies (see
 * {@link #inSync()}) and every read goes to PostgreSQL until the subscription is back.
 */
@ApplicationScoped
public class ChangeBus {

    private static final Logger LOG = Logger.getLogger(ChangeBus.class);

    private final String instanceId = UUID.randomUUID().toString();
    private final BroadcastProcessor<PromptChange> broadcast = BroadcastProcessor.create();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile boolean redisUp;
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    RedisKeys redisKeys;

    @Inject
    PromptHeadCache heads;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    void start(@Observes StartupEvent event) {
        metrics.gauge("prompt_cache_redis_up", this, bus -> bus.redisUp ? 1 : 0);
        metrics.gauge("prompt_cache_in_sync", this, bus -> bus.inSync() ? 1 : 0);
        check();
    }

    /** Called when the change's transaction has committed. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PromptChange change) {
        PromptChange stamped = change.from(instanceId);
        heads.refresh(stamped.tenantId(), stamped.name());
        deliver(stamped);
        if (redisUp) {
            try {
                redis.pubsub(String.class).publish(channel(), json.writeValueAsString(stamped));
            } catch (Exception e) {
                // Other instances may have missed this change: the check will resubscribe them and they will clear.
                markDown(e);
            }
        }
    }

    /** True while this instance is sure to hear every change: only then may it serve from its own memory. */
    public boolean inSync() {
        return redisUp && subscribed.get();
    }

    public boolean redisUp() {
        return redisUp;
    }

    /**
     * A Redis call on a request's path failed. The request goes on from PostgreSQL; whether Redis is down is for the
     * periodic check to decide, so a burst of busy-pool errors doesn't throw away every cache.
     */
    public void failed(Throwable cause) {
        LOG.debugf("Redis call failed (%s); answered from PostgreSQL", cause.getClass().getSimpleName());
    }

    public void markDown(Throwable cause) {
        if (redisUp) {
            LOG.warnf("Redis unreachable (%s): serving prompts from PostgreSQL", cause.getClass().getSimpleName());
        }
        redisUp = false;
        subscribed.set(false);
        heads.clearLocal();
    }

    /** Changes in one tenant, as they happen. */
    public Multi<PromptChange> changes(UUID tenantId) {
        return broadcast.filter(change -> tenantId.equals(change.tenantId()));
    }

    @Scheduled(every = "${prompt.cache.redis-check-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            redis.execute("PING");
            redisUp = true;
        } catch (Exception e) {
            markDown(e);
            return;
        }
        if (!subscribed.get()) {
            subscribe();
        }
    }

    private void subscribe() {
        try {
            ReactivePubSubCommands.ReactiveRedisSubscriber previous = subscriber;
            if (previous != null) {
                previous.unsubscribe().subscribe().with(ok -> {
                }, failure -> {
                });
            }
            subscriber = reactiveRedis.pubsub(String.class).subscribe(channel(), this::received)
                    .await().atMost(java.time.Duration.ofSeconds(2));
            // Changes made while we were not listening are unknown: forget what we hold.
            heads.clearLocal();
            subscribed.set(true);
            LOG.info("Listening for prompt changes on Redis");
        } catch (Exception e) {
            markDown(e);
        }
    }

    private void received(String message) {
        try {
            PromptChange change = json.readValue(message, PromptChange.class);
            if (!instanceId.equals(change.instance())) {
                heads.invalidate(change.tenantId(), change.name());
                deliver(change);
            }
        } catch (Exception e) {
            LOG.warnf("Ignoring an unreadable prompt change message: %s", e.getClass().getSimpleName());
        }
    }

    private synchronized void deliver(PromptChange change) {
        broadcast.onNext(change);
    }

    private String channel() {
        return redisKeys.key("prompt", "changes");
    }
}
