package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.retention.PartitionMaintenance;
import io.promptsuite.stats.retention.Partitions;
import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class RetentionTest {

    private static final String PATH = "/api/v1/stats/retention";

    @Inject
    DataSource db;

    @Inject
    PartitionMaintenance maintenance;

    @Test
    void theTenantMayKeepLessButNeverMore() {
        Accounts.Team team = newTeam();
        as(team.viewer()).get(PATH).then().statusCode(200).body("days", equalTo(90)).body("max_days", equalTo(90));
        as(team.viewer()).body(Map.of("days", 30)).put(PATH).then().statusCode(403);
        as(team.editor()).body(Map.of("days", 30)).put(PATH).then().statusCode(403);
        as(team.admin()).body(Map.of("days", 0)).put(PATH).then().statusCode(400).body("details.fields.field", hasItem("days"));
        as(team.admin()).body(Map.of("days", 91)).put(PATH).then().statusCode(400).body("details.fields.field", hasItem("days"));
        as(team.admin()).body(Map.of("days", "long")).put(PATH).then().statusCode(400);
        as(team.admin()).body(Map.of()).put(PATH).then().statusCode(400);
        as(team.admin()).body(Map.of("days", 30)).put(PATH).then().statusCode(200).body("days", equalTo(30));
        as(team.viewer()).get(PATH).then().statusCode(200).body("days", equalTo(30));
        // Another tenant keeps the service's retention.
        as(newTeam().viewer()).get(PATH).then().statusCode(200).body("days", equalTo(90));
    }

    @Test
    void eventsOlderThanTheTenantsRetentionAreRefusedAtIngest() {
        Accounts.Team team = newTeam();
        Map<String, Object> old = event(uniquePrompt("old"));
        old.put("started_at", Instant.now().minus(Duration.ofDays(3)).toString());
        postBatch(team.editor(), List.of(old)).statusCode(202).body("accepted", equalTo(1));
        as(team.admin()).body(Map.of("days", 2)).put(PATH).then().statusCode(200);
        Map<String, Object> older = event(uniquePrompt("old"));
        older.put("started_at", Instant.now().minus(Duration.ofDays(3)).toString());
        postBatch(team.editor(), List.of(older, event(uniquePrompt("new")))).statusCode(400)
                .body("details.fields.field", contains("events[0].started_at")).body("details.event_indexes", contains(0));
    }

    @Test
    void aShorterRetentionPurgesOnlyThatTenantsOlderData() throws Exception {
        Accounts.Team shorter = newTeam();
        Accounts.Team longer = newTeam();
        for (Accounts.Team team : List.of(shorter, longer)) {
            Map<String, Object> old = event(uniquePrompt("purge"));
            old.put("started_at", Instant.now().minus(Duration.ofDays(10)).toString());
            postBatch(team.editor(), List.of(old, event(uniquePrompt("purge")))).statusCode(202).body("accepted", equalTo(2));
        }
        as(shorter.admin()).body(Map.of("days", 5)).put(PATH).then().statusCode(200);
        maintenance.run();
        UUID s = UUID.fromString(shorter.tenantId());
        UUID l = UUID.fromString(longer.tenantId());
        assertEquals(1, count("events", s));
        assertEquals(1, count("event_keys", s));
        assertEquals(2, count("events", l));
        assertEquals(2, count("event_keys", l));
    }

    @Test
    void partitionsExistAheadAndExpiredOnesAreDropped() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> names = partitions();
        for (int d = -90; d <= 7; d++) {
            assertTrue(names.contains(Partitions.name(today.plusDays(d))), "partition for today" + (d >= 0 ? "+" : "") + d);
        }
        // Concurrent instances creating the same partitions don't fail each other.
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.runAsync(() -> maintenance.ensurePartitions(today.plusDays(20), today.plusDays(25))));
        }
        for (CompletableFuture<Void> run : runs) {
            run.get();
        }
        assertTrue(partitions().contains(Partitions.name(today.plusDays(25))));
        LocalDate expired = today.minusDays(120);
        maintenance.ensurePartitions(expired, expired);
        assertTrue(partitions().contains(Partitions.name(expired)));
        maintenance.run();
        assertFalse(partitions().contains(Partitions.name(expired)));
        assertTrue(partitions().contains(Partitions.name(today.minusDays(89))));
    }

    private List<String> partitions() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private long count(String table, UUID tenant) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
