package io.promptsuite.stats.live;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.stats.ExecutionEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Per-tenant, per-minute counters in Redis for the last hour, updated as events are accepted: one hash per tenant and
 * UTC minute of the events' start ({@code stats:live:<tenant>:<epochMinute>}), kept two hours. A batch costs one
 * pipelined round trip whatever it holds. Counters are a fast view, not the truth: events accepted while Redis is down
 * are missing from them (the live endpoint then answers from PostgreSQL, which has everything).
 */
@ApplicationScoped
public class LiveCounters {

    static final Duration KEEP = Duration.ofHours(2);

    @Inject
    Redis redis;

    @Inject
    RedisGate gate;

    @Inject
    LiveKeys keys;

    @Inject
    MissedMinutes missed;

    /** Counts newly accepted events (after their transaction committed); never fails the caller. */
    public void record(List<ExecutionEvent> accepted) {
        if (accepted == null || accepted.isEmpty()) {
            return;
        }
        long oldest = Instant.now().minus(KEEP).getEpochSecond() / 60;
        Map<Bucket, Sums> sums = new HashMap<>();
        for (ExecutionEvent e : accepted) {
            long minute = Math.floorDiv(e.startedAt().getEpochSecond(), 60);
            if (e.tenantId() != null && minute > oldest) {
                sums.computeIfAbsent(new Bucket(e.tenantId(), minute), b -> new Sums()).add(e);
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        List<Request> commands = new ArrayList<>(sums.size() * 6);
        sums.forEach((bucket, s) -> {
            if (s.overflow) {
                // Sums no counter can hold (absurd costs): this minute is answered from PostgreSQL instead.
                missed.add(bucket.tenant(), bucket.minute(), bucket.minute());
                return;
            }
            String key = keys.minute(bucket.tenant(), bucket.minute());
            commands.add(incr(key, LiveKeys.CALLS, s.calls));
            commands.add(incr(key, LiveKeys.ERRORS, s.errors));
            commands.add(incr(key, LiveKeys.INPUT_TOKENS, s.inputTokens));
            commands.add(incr(key, LiveKeys.OUTPUT_TOKENS, s.outputTokens));
            commands.add(incr(key, LiveKeys.COST_PICO_USD, s.costPico));
            commands.add(Request.cmd(Command.EXPIRE).arg(key).arg(KEEP.toSeconds()));
        });
        if (gate.await("record", redis.batch(commands)) == null) {
            for (Bucket b : sums.keySet()) {
                missed.add(b.tenant(), b.minute(), b.minute());
            }
        }
    }

    private static Request incr(String key, String field, long by) {
        return Request.cmd(Command.HINCRBY).arg(key).arg(field).arg(by);
    }

    /** The cost in pico-USD; throws ArithmeticException for a cost too large for a long (no real execution). */
    static long picoUsd(BigDecimal cost) {
        if (cost == null || cost.signum() <= 0) {
            return 0;
        }
        return cost.movePointRight(12).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private record Bucket(UUID tenant, long minute) {
    }

    private static final class Sums {
        long calls;
        long errors;
        long inputTokens;
        long outputTokens;
        long costPico;
        boolean overflow;

        void add(ExecutionEvent e) {
            calls++;
            errors += e.error() ? 1 : 0;
            inputTokens += e.inputTokens();
            outputTokens += e.outputTokens();
            try {
                costPico = Math.addExact(costPico, picoUsd(e.cost()));
            } catch (ArithmeticException tooLarge) {
                overflow = true;
            }
        }
    }
}
