package io.promptsuite.stats;

import static io.promptsuite.stats.RollupFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.rollup.RollupRebuilder;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Ingest, the scheduled fold and rebuilds all at once: every event is still counted exactly once. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class RebuildRaceTest {

    @Inject
    DataSource ds;

    @Inject
    RollupRebuilder rebuilder;

    @Test
    void foldRebuildAndIngestRacingLeaveExactTotals() {
        UUID tenant = UUID.randomUUID();
        List<Ev> events = FoldTest.knownEvents(tenant, 12_000, 23);
        long latencySum = events.stream().mapToLong(Ev::latencyMs).sum();
        CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < events.size(); i += 300) {
                insert(ds, events.subList(i, i + 300));
            }
        });
        int rebuilds = 0;
        while (!ingest.isDone() || rebuilds < 3) {
            Instant now = Instant.now();
            rebuilder.rebuild(tenant, now.minus(2, ChronoUnit.DAYS), now);
            rebuilds++;
        }
        ingest.join();
        awaitFolded(ds, tenant);
        for (String table : List.of("rollup_minute", "rollup_hour", "rollup_day")) {
            assertEquals(12_000, count(ds, "SELECT sum(calls) FROM " + table + " WHERE tenant_id = ?", tenant), table);
            assertEquals(latencySum, count(ds, "SELECT sum(latency_sum) FROM " + table + " WHERE tenant_id = ?", tenant), table);
        }
        assertEquals(events.stream().filter(e -> e.userId() != null).count(),
                count(ds, "SELECT sum(calls) FROM rollup_user_hour WHERE tenant_id = ?", tenant));
    }
}
