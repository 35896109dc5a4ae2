package io.promptsuite.prompt.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.redis.RedisKeys;
import io.promptsuite.prompt.EventsConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Each tenant's recent changes, in a Redis stream ({@code prompt:events:<tenant>}) bounded by count and age, so a
 * subscriber that lost its connection resumes from its {@code Last-Event-ID}. Appending and announcing happen in one
 * Lua script: the stream order and the pub/sub order are the same, so every subscriber receives ids in increasing
 * order on every instance.
 */
@ApplicationScoped
public class EventLog {

    /** KEYS[1] stream; ARGV: max length, message, min id kept (millis), stream ttl (millis), channel. */
    private static final String APPEND = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'change', ARGV[2])
            redis.call('XTRIM', KEYS[1], 'MINID', '~', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('PUBLISH', ARGV[5], id .. ' ' .. ARGV[2])
            return id
            """;

    /** One entry read back: its id and the change. */
    public record Entry(EventId id, ChangeNotice change) {
    }

    /** What a resume found: the entries after the id, and whether some may have been dropped before it. */
    public record Replay(List<Entry> entries, boolean gap, EventId tail) {
    }

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    RedisKeys redisKeys;

    @Inject
    EventsConfig config;

    @Inject
    ObjectMapper json;

    /** Appends the change to its tenant's log and announces it on {@code channel}; answers its id. Blocking. */
    public EventId append(ChangeNotice change, String channel) throws JsonProcessingException {
        String message = json.writeValueAsString(change);
        long minId = Math.max(0, System.currentTimeMillis() - config.replayWindow().toMillis());
        Response id = redis.execute("EVAL", APPEND, "1", key(change.tenantId()), String.valueOf(config.replayCount()),
                message, String.valueOf(minId), String.valueOf(config.replayWindow().toMillis()), channel);
        return EventId.parse(id.toString());
    }

    /** The pub/sub message {@link #append} sends: the id, a space, the change. */
    public Entry read(String message) throws JsonProcessingException {
        int space = message.indexOf(' ');
        EventId id = EventId.parse(message.substring(0, space));
        return new Entry(id, json.readValue(message.substring(space + 1), ChangeNotice.class).withEventId(id.toString()));
    }

    /**
     * The entries after {@code since} (all retained ones for {@link EventId#ZERO}), at most twice the replay count.
     * {@code gap} says events after {@code since} may have been dropped already: the entry {@code since} itself is no
     * longer in the log (or the log holds more than one resume may send), so the subscriber can't know it missed nothing.
     */
    public Uni<Replay> after(UUID tenantId, EventId since) {
        int limit = config.replayCount() * 2;
        String from = since.equals(EventId.ZERO) ? "-" : since.toString();
        return reactiveRedis.execute("XRANGE", key(tenantId), from, "+", "COUNT", String.valueOf(limit + 1)).flatMap(response -> {
            List<Entry> entries = new ArrayList<>();
            boolean sinceKept = since.equals(EventId.ZERO);
            if (response != null) {
                for (Response item : response) {
                    EventId id = EventId.parse(item.get(0).toString());
                    if (id.equals(since)) {
                        sinceKept = true;
                        continue;
                    }
                    entries.add(new Entry(id, change(item.get(1), id)));
                }
            }
            if (!sinceKept || entries.size() > limit) {
                // The subscriber starts over from the newest id, never again from the one it can't resume.
                return tail(tenantId).map(tail -> new Replay(List.of(), true, tail));
            }
            EventId tail = entries.isEmpty() ? since : entries.get(entries.size() - 1).id();
            return Uni.createFrom().item(new Replay(entries, false, tail));
        });
    }

    /** The id of the newest entry of the tenant's log, {@link EventId#ZERO} when it holds none. */
    public Uni<EventId> tail(UUID tenantId) {
        return reactiveRedis.execute("XREVRANGE", key(tenantId), "+", "-", "COUNT", "1").map(response ->
                response == null || response.size() == 0 ? EventId.ZERO : EventId.parse(response.get(0).get(0).toString()));
    }

    private ChangeNotice change(Response fields, EventId id) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("change".equals(fields.get(i).toString())) {
                try {
                    return json.readValue(fields.get(i + 1).toString(), ChangeNotice.class).withEventId(id.toString());
                } catch (JsonProcessingException e) {
                    return null;
                }
            }
        }
        return null;
    }

    String key(UUID tenantId) {
        return redisKeys.key("prompt", "events:" + tenantId);
    }
}
