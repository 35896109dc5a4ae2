package io.promptsuite.stats.live;

import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.promptsuite.stats.StatsConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A counter per tenant (and one for all) that moves whenever the tenant's numbers may have changed: a cached query
 * answer is served only while the generation it was computed at is still current, on every instance.
 *
 * <p>The generation is {@code all * 2^32 + tenant} of the two Redis counters ({@code stats:gen:all},
 * {@code stats:gen:<tenant>}), read in one round trip and kept here for at most {@value #LOCAL_TTL_MS} ms so a burst of
 * queries costs one trip. Any bump on this instance drops every local copy at once, so this instance never serves an
 * answer older than its own last ingest; other instances see it within those milliseconds.
 */
@ApplicationScoped
public class DataGenerations {

    static final long LOCAL_TTL_MS = 100;
    private static final int LOCAL_MAX = 10_000;

    @Inject
    Redis redis;

    @Inject
    RedisGate gate;

    @Inject
    LiveKeys keys;

    @Inject
    StatsConfig config;

    /**
     * Until when no generation is trusted: a bump that didn't reach Redis leaves the counter where a cached answer
     * from before the change still matches it, so nothing is served from the cache until every such answer expired.
     */
    private final AtomicLong uncertainUntil = new AtomicLong(System.nanoTime());

    private record Local(long generation, long epoch, long fetchedNanos) {
    }

    private final ConcurrentHashMap<UUID, Local> local = new ConcurrentHashMap<>();
    /** Moves on every local bump: a copy fetched before it is no longer served, even if it lands after the bump. */
    private final AtomicLong epoch = new AtomicLong();

    /** After an ingest committed new events of {@code tenant}. */
    public void bump(UUID tenant) {
        epoch.incrementAndGet();
        local.remove(tenant);
        if (gate.await("bump", redis.send(Request.cmd(Command.INCR).arg(keys.generation(tenant)))) == null) {
            distrustCachedAnswers();
        }
    }

    /** After a rebuild or a price change that may touch every tenant. */
    public void bumpAll() {
        epoch.incrementAndGet();
        local.clear();
        if (gate.await("bump", redis.send(Request.cmd(Command.INCR).arg(keys.generationOfAll()))) == null) {
            distrustCachedAnswers();
        }
    }

    /** The current generation of {@code tenant}; empty when it can't be known (Redis down): then nothing is cached. */
    public OptionalLong current(UUID tenant) {
        long now = System.nanoTime();
        if (now - uncertainUntil.get() < 0) {
            return OptionalLong.empty();
        }
        long at = epoch.get();
        Local copy = local.get(tenant);
        if (copy != null && copy.epoch() == at && now - copy.fetchedNanos() < LOCAL_TTL_MS * 1_000_000) {
            return OptionalLong.of(copy.generation());
        }
        Response r = gate.await("generation",
                redis.send(Request.cmd(Command.MGET).arg(keys.generationOfAll()).arg(keys.generation(tenant))));
        if (r == null) {
            return OptionalLong.empty();
        }
        long generation = (counter(r, 0) << 32) + (counter(r, 1) & 0xFFFF_FFFFL);
        if (local.size() >= LOCAL_MAX) {
            local.clear();
        }
        local.put(tenant, new Local(generation, at, now));
        return OptionalLong.of(generation);
    }

    private void distrustCachedAnswers() {
        // The longest a cached answer lives is its TTL plus half of it in jitter.
        long window = config.query().cacheTtl().multipliedBy(3).dividedBy(2).plusSeconds(1).toNanos();
        uncertainUntil.accumulateAndGet(System.nanoTime() + window, (a, b) -> b - a > 0 ? b : a);
    }

    private static long counter(Response mget, int index) {
        Response value = mget.size() > index ? mget.get(index) : null;
        return value == null ? 0 : value.toLong();
    }
}
