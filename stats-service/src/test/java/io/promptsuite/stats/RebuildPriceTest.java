package io.promptsuite.stats;

import static io.promptsuite.stats.RollupFixtures.*;
import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.promptsuite.testing.auth.RealAuthService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A price entry changed through the price API reaches events folded long before: their computed costs, not given ones. */
@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class RebuildPriceTest {

    @Inject
    DataSource ds;

    @Test
    void aPriceChangeRecomputesOldComputedCostsAndKeepsGivenOnes() {
        Accounts.Team team = newTeam();
        UUID tenant = UUID.fromString(team.tenantId());
        // A model no default entry matches: its computed cost is 0 until the tenant prices it.
        String model = "house-model-" + UUID.randomUUID().toString().substring(0, 6);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Map<String, Object> e = event(uniquePrompt("priced"));
            e.put("model", model);
            e.put("input_tokens", 1000);
            e.put("output_tokens", 200);
            if (i >= 20) {
                e.put("cost", 0.5);
            }
            events.add(e);
        }
        postBatch(team.editor(), events).statusCode(202).body("accepted", equalTo(25));
        awaitFolded(ds, tenant);
        assertCosts(tenant, "2.5");

        // 1,000 input tokens at 1,000 $/Mtok plus 200 output tokens at 5,000 $/Mtok: 2 $ an event.
        Map<String, Object> price = new HashMap<>();
        price.put("model_pattern", model);
        price.put("effective_from", "2024-01-01T00:00:00Z");
        price.put("input_per_mtok", 1000);
        price.put("output_per_mtok", 5000);
        String id = as(team.admin()).body(price).post("/api/v1/prices").then().statusCode(201).extract().path("id");
        awaitDayCost(tenant, "42.5");
        assertCosts(tenant, "42.5");
        assertEquals(0, new BigDecimal("2").compareTo(maxCost(tenant, false)), "each computed event is repriced");
        assertEquals(0, new BigDecimal("0.5").compareTo(maxCost(tenant, true)), "a cost the caller sent is kept");

        // A second change, coalesced or not, lands the same way.
        price.put("output_per_mtok", 10000);
        as(team.admin()).body(price).put("/api/v1/prices/" + id).then().statusCode(200);
        awaitDayCost(tenant, "62.5");
        assertCosts(tenant, "62.5");
    }

    private BigDecimal maxCost(UUID tenant, boolean given) {
        return (BigDecimal) rows(ds, "SELECT max(cost) AS c FROM events WHERE tenant_id = ? AND cost_given = ?", tenant, given)
                .get(0).get("c");
    }

    private void awaitDayCost(UUID tenant, String want) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (new BigDecimal(want).compareTo(sum(tenant, "rollup_day")) != 0) {
            if (System.nanoTime() > deadline) {
                fail("the day rollups' cost did not become " + want + " within 60 s: " + sum(tenant, "rollup_day"));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void assertCosts(UUID tenant, String want) {
        for (String table : List.of("rollup_minute", "rollup_hour", "rollup_day", "rollup_user_hour")) {
            BigDecimal expected = table.equals("rollup_user_hour") ? BigDecimal.ZERO : new BigDecimal(want);
            assertEquals(0, expected.compareTo(sum(tenant, table)), table + ": " + sum(tenant, table));
        }
    }

    private BigDecimal sum(UUID tenant, String table) {
        Object v = rows(ds, "SELECT coalesce(sum(cost), 0) AS c FROM " + table + " WHERE tenant_id = ?", tenant).get(0).get("c");
        return (BigDecimal) v;
    }
}
