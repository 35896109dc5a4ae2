package io.promptsuite.stats.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.promptsuite.stats.StatsConfig;
import io.promptsuite.stats.price.PricesChanged;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Turns price changes into rebuilds of the affected range, off the request thread. Changes arriving close together
 * are coalesced per tenant into one rebuild from the earliest date any of them names. A rebuild waits until every
 * instance has reloaded the book (its reload interval, plus a margin for ingests in flight): an event priced with the
 * old book by another instance after the rebuild read its day would otherwise keep the old cost.
 */
@ApplicationScoped
public class PriceChangeRebuilds {

    private static final Logger LOG = Logger.getLogger(PriceChangeRebuilds.class);

    /** The key for a change of the default book, which touches every tenant. */
    private static final UUID ALL = new UUID(0, 0);

    private record Due(Instant from, Instant lastChange) {
        Due merge(Due other) {
            return new Due(from.isBefore(other.from) ? from : other.from,
                    lastChange.isAfter(other.lastChange) ? lastChange : other.lastChange);
        }
    }

    private final Map<UUID, Due> due = new ConcurrentHashMap<>();

    @Inject
    RollupRebuilder rebuilder;

    @Inject
    StatsConfig config;

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) PricesChanged change) {
        due.merge(change.tenant() == null ? ALL : change.tenant(), new Due(change.from(), Instant.now()), Due::merge);
    }

    /** Whether every instance has had time to reload the book since the last change of this entry. */
    private boolean settled(Due d) {
        Duration reload = DurationConverter.parseDuration(config.prices().reloadCheckEvery());
        return d.lastChange().plus(reload).plusSeconds(2).isBefore(Instant.now());
    }

    @Scheduled(every = "${stats.rollup.price-rebuild-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        // Every tenant first: a tenant's own change from the same date or later is then already done.
        Due all = due.get(ALL);
        if (all != null && settled(all) && due.remove(ALL, all)) {
            run(null, all.from());
            due.entrySet().removeIf(e -> !e.getValue().from().isBefore(all.from()) && !e.getValue().lastChange().isAfter(all.lastChange()));
        }
        for (UUID tenant : List.copyOf(due.keySet())) {
            Due d = due.get(tenant);
            if (d != null && !tenant.equals(ALL) && settled(d) && due.remove(tenant, d)) {
                run(tenant, d.from());
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
            due.merge(tenant == null ? ALL : tenant, new Due(start, Instant.now()), Due::merge);
            LOG.warnf("Rebuilding after a price change failed, retrying: %s", e.toString());
        }
    }
}
