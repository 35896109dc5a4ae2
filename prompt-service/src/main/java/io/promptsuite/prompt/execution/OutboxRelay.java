package io.promptsuite.prompt.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Delivers the outbox to stats-service, at least once. Each batch is claimed ({@code FOR UPDATE SKIP LOCKED}),
 * posted, and deleted in one transaction only after a 2xx, so several instances share the work and a relay that dies
 * mid-call leaves its rows to be sent again (stats-service counts an event id once). While stats-service is down the
 * relay backs off per instance; an event stats-service refuses for itself is set aside, never retried forever.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Batches one tick may send; a backlog drains at up to this many batches per interval. */
    private static final int MAX_ROUNDS = 50;

    enum Outcome {
        /** Nothing was waiting, or the rows waiting filled less than a batch. */
        DRAINED,
        /** A full batch went out; there may be more. */
        MORE,
        /** stats-service couldn't be reached or answered with a failure: wait, then send the same rows again. */
        FAILED
    }

    @Inject
    OutboxRepository outbox;

    @Inject
    StatsClient stats;

    @Inject
    ServiceToken tokens;

    @Inject
    ExecutionsConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private Backoff backoff;
    /** Set when the current round set rows aside: the rest of its batch goes out at once, not a tick later. */
    private boolean setAsideThisRound;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile boolean stopping;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private Counter delivered;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
        Gauge.builder("prompt.outbox.pending", waiting, AtomicLong::get)
                .description("Reported executions waiting in the outbox for delivery to stats-service").register(registry);
        Gauge.builder("prompt.outbox.dead.letters", deadLetters, AtomicLong::get)
                .description("Reported executions stats-service refused, set aside in the outbox").register(registry);
        delivered = Counter.builder("prompt.outbox.delivered").description("Executions delivered to stats-service")
                .register(registry);
        for (String reason : List.of("unreachable", "server_error", "client_error", "unauthorized", "token", "refused", "database")) {
            failure(reason);
        }
    }

    /** Ticks that start while the application stops would find the datasource closing under them. */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(identity = "execution-outbox-relay", every = "${prompt.executions.relay-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            if (!Instant.now().isBefore(nextAttempt)) {
                drain();
            }
        } catch (RuntimeException e) {
            // PostgreSQL itself failing: nothing was deleted, so nothing is lost; wait like for stats-service.
            if (stopping) {
                return;
            }
            failure("database").increment();
            // The outbox's own failure names only a SQL state; anything else only by its class (no data in logs).
            String why = e instanceof OutboxRepository.OutboxUnavailable ? e.getMessage() : e.getClass().getSimpleName();
            waitAfterFailure("the outbox could not be read or settled (" + why + ")");
        } finally {
            count();
        }
    }

    private void drain() {
        int timeout = (int) Math.max(60, config.requestTimeout().toSeconds() * 3);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Outcome outcome = QuarkusTransaction.requiringNew().timeout(timeout).call(this::deliverOneBatch);
            if (outcome != Outcome.MORE) {
                return;
            }
        }
    }

    Outcome deliverOneBatch() {
        List<OutboxRepository.Row> claimed = outbox.claim(config.batchSize());
        if (claimed.isEmpty()) {
            return Outcome.DRAINED;
        }
        List<OutboxRepository.Row> batch = withinBytes(claimed);
        setAsideThisRound = false;
        if (!send(batch)) {
            return Outcome.FAILED;
        }
        backoff.succeeded();
        boolean more = claimed.size() == config.batchSize() || batch.size() < claimed.size() || setAsideThisRound;
        return more ? Outcome.MORE : Outcome.DRAINED;
    }

    /**
     * Sends rows and settles them in the current transaction: deleted after a 2xx, set aside when stats-service
     * names them as bad, left in place otherwise. Answers false when the rows must wait and be sent again.
     */
    private boolean send(List<OutboxRepository.Row> rows) {
        List<Long> ids = rows.stream().map(OutboxRepository.Row::id).toList();
        String token;
        try {
            token = tokens.get();
        } catch (ServiceToken.Unavailable e) {
            return failed("token", "no service token: " + e.getMessage(), ids);
        }
        StatsClient.Answer answer = stats.post(token, rows);
        if (answer.delivered()) {
            outbox.delete(ids);
            delivered.increment(ids.size());
            return true;
        }
        int status = answer.status();
        if (status == 0) {
            return failed("unreachable", "stats-service unreachable (" + answer.failure() + ")", ids);
        }
        if (status == 401 || status == 403) {
            tokens.forget();
            return failed("unauthorized", "stats-service refused prompt-service's token (" + status + ")", ids);
        }
        if (status == 400 || status == 413 || status == 422) {
            return refused(rows, answer);
        }
        return failed(status >= 500 ? "server_error" : "client_error", "stats-service answered " + status, ids);
    }

    /**
     * stats-service refused the batch as it is. Named events are set aside and the rest go out on the next round;
     * when no event is named, each row is sent alone so only the bad ones are set aside.
     */
    private boolean refused(List<OutboxRepository.Row> rows, StatsClient.Answer answer) {
        Map<Integer, String> bad = Refusal.indexes(json, answer.body(), rows.size());
        if (!bad.isEmpty()) {
            bad.forEach((index, why) -> setAside(rows.get(index), why));
            return true;
        }
        if (rows.size() == 1) {
            setAside(rows.get(0), Refusal.summary(json, answer.status(), answer.body()));
            return true;
        }
        for (OutboxRepository.Row row : rows) {
            if (!send(List.of(row))) {
                return false;
            }
        }
        return true;
    }

    private void setAside(OutboxRepository.Row row, String why) {
        outbox.deadLetter(row.id(), why);
        setAsideThisRound = true;
        failure("refused").increment();
        LOG.warnf("stats-service refused outbox row %d; it is set aside (execution_outbox.failed_at): %s", row.id(), why);
    }

    private boolean failed(String reason, String message, List<Long> ids) {
        outbox.attempted(ids);
        failure(reason).increment();
        waitAfterFailure("delivering " + ids.size() + " execution(s) failed: " + message);
        return false;
    }

    private void waitAfterFailure(String message) {
        Duration wait = backoff.failed();
        nextAttempt = Instant.now().plus(wait);
        LOG.warnf("Execution outbox: %s; failure %d in a row, next attempt in %d ms", message, backoff.failures(),
                wait.toMillis());
    }

    /** The longest prefix of the rows within the batch byte limit, at least one row (a row is at most a few KiB). */
    private List<OutboxRepository.Row> withinBytes(List<OutboxRepository.Row> rows) {
        List<OutboxRepository.Row> out = new ArrayList<>(rows.size());
        long bytes = 0;
        for (OutboxRepository.Row row : rows) {
            bytes += row.event().length() + 1;
            if (!out.isEmpty() && bytes > config.batchBytes()) {
                break;
            }
            out.add(row);
        }
        return out;
    }

    private void count() {
        try {
            long[] counts = QuarkusTransaction.requiringNew().call(() -> new long[] { outbox.waiting(), outbox.deadLetters() });
            waiting.set(counts[0]);
            deadLetters.set(counts[1]);
        } catch (RuntimeException e) {
            // The gauges keep their last values while PostgreSQL is away.
        }
    }

    private Counter failure(String reason) {
        return failures.computeIfAbsent(reason, r -> Counter.builder("prompt.outbox.failures")
                .description("Failed deliveries to stats-service, and events it refused, by reason").tag("reason", r)
                .register(registry));
    }
}
