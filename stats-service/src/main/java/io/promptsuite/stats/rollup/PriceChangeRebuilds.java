package io.promptsuite.stats.rollup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.promptsuite.stats.StatsConfig;
import io.promptsuite.stats.price.PricesChanged;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Turns price changes into rebuilds of the affected range, off the request thread. Changes arriving close together
 * are coalesced per tenant into one rebuild from the earliest date any of them names.
 */
@ApplicationScoped
public class PriceChangeRebuilds {

    private static final Logger LOG = Logger.getLogger(PriceChangeRebuilds.class);

    /** The key for a change of the default book, which touches every tenant. */
    private static final UUID ALL = new UUID(0, 0);

    private final Map<UUID, Instant> due = new ConcurrentHashMap<>();

    @Inject
    RollupRebuilder rebuilder;

    @Inject
    StatsConfig config;

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) PricesChanged change) {
        due.merge(change.tenant() == null ? ALL : change.tenant(), change.from(), (a, b) -> a.isBefore(b) ? a : b);
    }

    @Scheduled(every = "${stats.rollup.price-rebuild-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        // Every tenant first: a tenant's own change from the same date or later is then already done.
        Instant all = due.remove(ALL);
        if (all != null) {
            run(null, all);
            due.entrySet().removeIf(e -> !e.getValue().isBefore(all));
        }
        for (UUID tenant : List.copyOf(due.keySet())) {
            Instant from = due.remove(tenant);
            if (from != null) {
                run(tenant, from);
            }
        }
    }

    private void run(UUID tenant, Instant from) {
        // No raw events are older than retention, so nothing before it needs rebuilding.
        Instant oldest = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(config.retention().days(), ChronoUnit.DAYS);
        Instant start = from.isBefore(oldest) ? oldest : from;
        Instant now = Instant.now();
        if (!start.isBefore(now)) {
            start = now.minusSeconds(1);
        }
        try {
            rebuilder.rebuild(tenant, start, now);
        } catch (RuntimeException e) {
            // Keep it due: the next run tries again (and merges with any change that came meanwhile).
            due.merge(tenant == null ? ALL : tenant, start, (a, b) -> a.isBefore(b) ? a : b);
            LOG.warnf("Rebuilding after a price change failed, retrying: %s", e.toString());
        }
    }
}
