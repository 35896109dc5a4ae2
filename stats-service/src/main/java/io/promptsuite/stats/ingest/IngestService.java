package io.promptsuite.stats.ingest;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.stats.ExecutionEvent;
import io.promptsuite.stats.StatsConfig;
import io.promptsuite.stats.live.DataGenerations;
import io.promptsuite.stats.live.LiveCounters;
import io.promptsuite.stats.price.CostCalculator;
import io.promptsuite.stats.retention.PartitionMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Accepts executions from every way in: validates them, prices them, and counts each event id once. */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    /** What one accepted batch did. */
    public record IngestResult(int accepted, int duplicates) {
    }

    private record Key(UUID tenant, UUID event) {
    }

    @Inject
    StatsConfig config;

    @Inject
    EventRules rules;

    @Inject
    CostCalculator costs;

    @Inject
    EventRepository repository;

    @Inject
    PartitionMaintenance partitions;

    @Inject
    LiveCounters live;

    @Inject
    DataGenerations generations;

    @Inject
    IngestMetrics metrics;

    /**
     * Validates every event (all or nothing: a 400 naming each bad event's index and field, nothing written), then
     * stores the new ones and skips the ids seen before. The events' tenants are already settled by the caller.
     */
    public IngestResult accept(List<ExecutionEvent> events) {
        if (events.size() > config.ingest().maxBatch()) {
            throw tooLarge(config.ingest().maxBatch());
        }
        Instant now = Instant.now();
        List<FieldError> problems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            problems.addAll(rules.problems(i, events.get(i), now));
        }
        if (!problems.isEmpty()) {
            throw BatchRejected.of(problems);
        }
        if (events.isEmpty()) {
            return new IngestResult(0, 0);
        }
        // Within a batch the first occurrence of an id counts. Keys go in in one order everywhere, so two batches
        // sharing ids wait for each other instead of deadlocking.
        Set<Key> seen = new HashSet<>();
        List<ExecutionEvent> unique = new ArrayList<>(events.size());
        for (ExecutionEvent e : events) {
            if (seen.add(new Key(e.tenantId(), e.eventId()))) {
                unique.add(e);
            }
        }
        unique.sort(Comparator.comparing(ExecutionEvent::tenantId).thenComparing(ExecutionEvent::eventId));
        boolean[] given = new boolean[unique.size()];
        for (int i = 0; i < unique.size(); i++) {
            ExecutionEvent e = unique.get(i);
            given[i] = e.cost() != null;
            if (!given[i]) {
                unique.set(i, e.withCost(costs.cost(e)));
            }
        }
        List<Integer> stored = store(unique, given);
        List<ExecutionEvent> accepted = new ArrayList<>(stored.size());
        Set<UUID> tenants = new LinkedHashSet<>();
        for (int index : stored) {
            ExecutionEvent e = unique.get(index);
            accepted.add(e);
            tenants.add(e.tenantId());
        }
        afterCommit(accepted, tenants);
        IngestResult result = new IngestResult(accepted.size(), events.size() - accepted.size());
        metrics.counted(result.accepted(), result.duplicates());
        return result;
    }

    static ApiException tooLarge(int max) {
        return new ApiException(413, "BATCH_TOO_LARGE", "A batch holds at most " + max + " events; nothing was stored",
                Map.of("max_batch", max));
    }

    private List<Integer> store(List<ExecutionEvent> unique, boolean[] given) {
        try {
            try {
                return repository.store(unique, given);
            } catch (SQLException e) {
                if (!EventRepository.NO_PARTITION.equals(e.getSQLState())) {
                    throw e;
                }
                // A day the partition job has not reached yet (it runs at start and hourly): make it and go again.
                LocalDate first = unique.stream().map(x -> day(x.startedAt())).min(Comparator.naturalOrder()).orElseThrow();
                LocalDate last = unique.stream().map(x -> day(x.startedAt())).max(Comparator.naturalOrder()).orElseThrow();
                partitions.ensurePartitions(first, last);
                return repository.store(unique, given);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing the batch failed", e);
        }
    }

    private void afterCommit(List<ExecutionEvent> accepted, Set<UUID> tenants) {
        if (accepted.isEmpty()) {
            return;
        }
        try {
            live.record(accepted);
        } catch (RuntimeException e) {
            LOG.warnf("Live counters missed %d events: %s", accepted.size(), e.getClass().getName());
        }
        for (UUID tenant : tenants) {
            try {
                generations.bump(tenant);
            } catch (RuntimeException e) {
                LOG.warnf("Moving the data generation failed: %s", e.getClass().getName());
            }
        }
    }

    private static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
