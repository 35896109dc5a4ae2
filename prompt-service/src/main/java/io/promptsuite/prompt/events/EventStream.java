package io.promptsuite.prompt.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.security.ApiKeyVerifier;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.RevocationListener;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.EventsConfig;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.cache.ChangeBus;
import io.promptsuite.prompt.cache.ChangeNotice;
import io.promptsuite.prompt.cache.EventId;
import io.promptsuite.prompt.cache.EventLog;
import io.promptsuite.prompt.cache.RedisLink;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * One subscriber's SSE stream, from connect to end. On connect it listens first, then reads the tenant's event log
 * (the events after {@code Last-Event-ID}, or just the newest id), sends those, then what arrived meanwhile and live
 * events, skipping any id it already sent: ids only ever increase. Only events about prompts the subscriber may read
 * go out. It ends, with a last {@code end} event saying why, when the bearer token expires, when auth-service announces
 * the user or API key revoked, or when a periodic re-check finds the API key no longer good.
 */
final class EventStream {

    /** Everything a stream needs from the application, gathered once by the resource. */
    record Services(ChangeBus bus, RedisLink link, EventLog log, RevocationListener revocations, ApiKeyVerifier keys, Vertx vertx,
            ObjectMapper json, EventsConfig config) {
    }

    private final Services services;
    private final Sse sse;
    private final UUID tenantId;
    private final AtomicReference<Caller> caller;
    private final EventId since;
    private final Instant expires;
    private final String apiKey;
    private final StreamLimiter.Lease lease;

    private MultiEmitter<? super OutboundSseEvent> emitter;
    private Cancellable live;
    private RevocationListener.Watch watch;
    private final List<Long> timers = new ArrayList<>();
    private final List<ChangeNotice> waiting = new ArrayList<>();
    private boolean caughtUp;
    private boolean ended;
    private EventId last;

    EventStream(Services services, Sse sse, Caller caller, EventId since, Instant expires, String apiKey, StreamLimiter.Lease lease) {
        this.services = services;
        this.sse = sse;
        this.tenantId = caller.tenant();
        this.caller = new AtomicReference<>(caller);
        this.since = since;
        this.expires = expires;
        this.apiKey = apiKey;
        this.lease = lease;
    }

    void start(MultiEmitter<? super OutboundSseEvent> emitter) {
        synchronized (this) {
            this.emitter = emitter;
        }
        live = services.bus().changes(tenantId).subscribe().with(this::arrived, failure -> end("error"));
        Caller who = caller.get();
        watch = services.revocations().watch(who.userId(), apiKey == null ? null : io.promptsuite.common.security.ApiKeyHashes.sha256(apiKey),
                () -> end("credential_revoked"));
        if (expires != null) {
            long millis = Math.max(1, expires.toEpochMilli() - System.currentTimeMillis());
            timer(services.vertx().setTimer(millis, id -> end("token_expired")));
        }
        if (apiKey != null) {
            timer(services.vertx().setPeriodic(services.config().apiKeyRecheck().toMillis(), id -> recheckKey()));
        }
        timer(services.vertx().setPeriodic(services.config().keepAlive().toMillis(), id -> send(sse.newEventBuilder().comment("keep-alive").build())));
        if (!services.link().up()) {
            catchUp(null, since != null);
            return;
        }
        var replay = since == null
                ? services.log().tail(tenantId).map(tail -> new EventLog.Replay(List.of(), false, tail))
                : services.log().after(tenantId, since);
        replay.subscribe().with(r -> catchUp(r, r.gap()), failure -> catchUp(null, since != null));
    }

    /** Sends the greeting (with the id to resume from), the replayed events, then what arrived while reading. */
    private synchronized void catchUp(EventLog.Replay replay, boolean gap) {
        if (ended) {
            return;
        }
        OutboundSseEvent.Builder hello = sse.newEventBuilder().comment("connected");
        if (replay != null) {
            // Where this stream stands in the log: a client that hears nothing before it drops can still resume.
            last = since != null && !gap ? since : replay.tail();
            if (!gap) {
                hello.id(last.toString());
            }
        }
        send(hello.build());
        if (gap) {
            // Some events after the client's id are no longer kept: it must refetch what it caches.
            OutboundSseEvent.Builder reset = sse.newEventBuilder().name("reset").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data("{\"type\":\"reset\",\"reason\":\"events after Last-Event-ID are no longer kept; refetch\"}");
            if (last != null) {
                reset.id(last.toString());
            }
            send(reset.build());
        } else if (replay != null) {
            replay.entries().forEach(entry -> deliver(entry.change()));
        }
        caughtUp = true;
        waiting.forEach(this::deliver);
        waiting.clear();
    }

    private synchronized void arrived(ChangeNotice change) {
        if (ended) {
            return;
        }
        if (!caughtUp) {
            waiting.add(change);
        } else {
            deliver(change);
        }
    }

    private void deliver(ChangeNotice change) {
        if (change == null) {
            return;
        }
        EventId id = change.eventId() == null ? null : EventId.parse(change.eventId());
        if (id != null) {
            if (last != null && !id.after(last)) {
                return;
            }
            last = id;
        }
        if (!mayRead(caller.get(), change)) {
            return;
        }
        OutboundSseEvent.Builder event = sse.newEventBuilder().name(change.type()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(json(change.forSubscribers()));
        if (id != null) {
            event.id(id.toString());
        }
        send(event.build());
    }

    /** Private prompts are heard by editors and admins only; an unknown visibility counts as private. */
    static boolean mayRead(Caller caller, ChangeNotice change) {
        boolean privatePrompt = change.visibility() == null || Prompt.PRIVATE.equals(change.visibility());
        return caller.has(Roles.VIEWER) && (!privatePrompt || caller.has(Roles.EDITOR));
    }

    /** Asks auth-service (through the verifier's short cache) whether the key is still good, and what it may read now. */
    private void recheckKey() {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                Caller fresh = services.keys().verify(apiKey);
                if (!tenantId.toString().equals(fresh.tenantId()) || !fresh.has(Roles.VIEWER)) {
                    end("credential_revoked");
                } else {
                    caller.set(fresh);
                }
            } catch (AuthenticationFailedException e) {
                Object status = e.getAttribute("suite.status");
                if (!(status instanceof Integer s) || s != 503) {
                    end("credential_revoked");
                }
            } catch (RuntimeException e) {
                // auth-service unreachable: the key is neither good nor bad; ask again next time.
            }
        });
    }

    synchronized void end(String reason) {
        if (ended) {
            return;
        }
        send(sse.newEventBuilder().name("end").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(json(Map.of("type", "end", "reason", reason))).build());
        ended = true;
        emitter.complete();
        stop();
    }

    /** Gives everything back; called on every way out (end, client gone, failure), any number of times. */
    synchronized void stop() {
        ended = true;
        if (live != null) {
            live.cancel();
        }
        if (watch != null) {
            watch.close();
        }
        timers.forEach(services.vertx()::cancelTimer);
        timers.clear();
        waiting.clear();
        lease.close();
    }

    private synchronized void timer(long id) {
        if (ended) {
            services.vertx().cancelTimer(id);
        } else {
            timers.add(id);
        }
    }

    private synchronized void send(OutboundSseEvent event) {
        if (!ended && emitter != null && !emitter.isCancelled()) {
            emitter.emit(event);
        }
    }

    private String json(Object value) {
        try {
            return services.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
