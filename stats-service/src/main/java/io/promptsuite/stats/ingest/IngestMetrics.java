package io.promptsuite.stats.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code stats_events_ingested_total{outcome=accepted|duplicate}}: what ingest did with each event it was sent. */
@ApplicationScoped
public class IngestMetrics {

    private final Counter accepted;
    private final Counter duplicates;

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        accepted = Counter.builder("stats.events.ingested").tag("outcome", "accepted")
                .description("Events stored, or skipped as seen before").register(registry);
        duplicates = Counter.builder("stats.events.ingested").tag("outcome", "duplicate")
                .description("Events stored, or skipped as seen before").register(registry);
    }

    void counted(int acceptedEvents, int duplicateEvents) {
        accepted.increment(acceptedEvents);
        duplicates.increment(duplicateEvents);
    }
}
