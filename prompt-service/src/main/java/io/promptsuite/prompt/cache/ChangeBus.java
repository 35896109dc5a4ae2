package io.promptsuite.prompt.cache;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptChange;
import io.promptsuite.prompt.PromptRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
 * {@link RedisLink#inSync()}, which only this bus writes) and every read goes to PostgreSQL until the subscription is
 * back. The bus drives the caches; they never call it.
 */
@ApplicationScoped
public class ChangeBus {

    private static final Logger LOG = Logger.getLogger(ChangeBus.class);

    private final String instanceId = UUID.randomUUID().toString();
    private final BroadcastProcessor<ChangeNotice> broadcast = BroadcastProcessor.create();
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;

    @Inject
    RedisLink link;

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

    @Inject
    EventLog log;

    @Inject
    PromptRepository prompts;

    void start(@Observes StartupEvent event) {
        metrics.gauge("prompt_cache_redis_up", link, l -> l.up() ? 1 : 0);
        metrics.gauge("prompt_cache_in_sync", link, l -> l.inSync() ? 1 : 0);
        check();
    }

    /**
     * Called when the change's transaction has committed. The change is stamped with the prompt's visibility (who may
     * hear it), appended to the tenant's event log and announced in one step; every instance, this one included,
     * hands it to its SSE subscribers when the announcement arrives, so all of them see the log's order. Without Redis
     * this instance's subscribers still hear it, without an id. Changes only drafts see touch no head and no reader,
     * so they are not announced.
     */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PromptChange change) {
        if (change.kind().announcedAs() == null) {
            return;
        }
        String visibility = heads.refresh(change.tenantId(), change.name()).map(PromptHead::visibility)
                .orElseGet(() -> visibilityOf(change.tenantId(), change.name()));
        ChangeNotice stamped = ChangeNotice.of(change, instanceId, visibility);
        if (link.up()) {
            try {
                log.append(stamped, channel());
                return;
            } catch (Exception e) {
                // Other instances may have missed this change: the check will resubscribe them and they will clear.
                markDown(e);
            }
        }
        deliver(stamped);
    }

    /** A deleted prompt's visibility; a prompt that is gone altogether is treated as private. */
    private String visibilityOf(UUID tenantId, String name) {
        return QuarkusTransaction.requiringNew().call(() -> prompts.findByName(tenantId, name).map(p -> p.visibility)
                .orElse(Prompt.PRIVATE));
    }

    private void markDown(Throwable cause) {
        if (link.lost()) {
            LOG.warnf("Redis unreachable (%s): serving prompts from PostgreSQL", cause.getClass().getSimpleName());
        }
        heads.clearLocal();
    }

    /** Changes in one tenant, as they happen (with the log's ids while Redis is up). */
    public Multi<ChangeNotice> changes(UUID tenantId) {
        return broadcast.filter(change -> tenantId.equals(change.tenantId()));
    }

    @Scheduled(every = "${prompt.cache.redis-check-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            redis.execute("PING");
            link.answered();
        } catch (Exception e) {
            markDown(e);
            return;
        }
        if (!link.inSync()) {
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
            link.subscribed();
            LOG.info("Listening for prompt changes on Redis");
        } catch (Exception e) {
            markDown(e);
        }
    }

    private void received(String message) {
        try {
            ChangeNotice change = log.read(message).change();
            if (!instanceId.equals(change.instance())) {
                heads.invalidate(change.tenantId(), change.name());
            }
            deliver(change);
        } catch (Exception e) {
            LOG.warnf("Ignoring an unreadable prompt change message: %s", e.getClass().getSimpleName());
        }
    }

    private synchronized void deliver(ChangeNotice change) {
        broadcast.onNext(change);
    }

    private String channel() {
        return redisKeys.key("prompt", "changes");
    }
}
