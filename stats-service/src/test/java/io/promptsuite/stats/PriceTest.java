package io.promptsuite.stats;

import static io.promptsuite.stats.StatsApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

@QuarkusTest
@QuarkusTestResource(value = RealAuthService.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealAuthService.CLIENT_ID, value = "stats-service"))
class PriceTest {

    @Inject
    DataSource db;

    @Inject
    ChangesSeen seen;

    /** Records every PricesChanged, as the rollup package's observer would receive it. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class ChangesSeen {
        final List<io.promptsuite.stats.price.PricesChanged> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        void on(@jakarta.enterprise.event.Observes io.promptsuite.stats.price.PricesChanged change) {
            events.add(change);
        }

        List<io.promptsuite.stats.price.PricesChanged> of(UUID tenant) {
            return events.stream().filter(e -> tenant.equals(e.tenant())).toList();
        }
    }

    @Test
    void eachChangeAnnouncesTheEarliestStartItAffects() {
        Accounts.Team team = newTeam();
        UUID tenant = UUID.fromString(team.tenantId());
        Map<String, Object> body = entry("announced-*", 1, 1);
        body.put("effective_from", "2026-03-01T00:00:00Z");
        String id = as(team.admin()).body(body).post("/api/v1/prices").then().statusCode(201).extract().path("id");
        assertEquals(List.of(java.time.Instant.parse("2026-03-01T00:00:00Z")), seen.of(tenant).stream().map(e -> e.from()).toList());
        // Moved later: events from the old start on may have changed price.
        body.put("effective_from", "2026-05-01T00:00:00Z");
        as(team.admin()).body(body).put("/api/v1/prices/" + id).then().statusCode(200);
        // Moved earlier: from the new start on.
        body.put("effective_from", "2026-02-01T00:00:00Z");
        as(team.admin()).body(body).put("/api/v1/prices/" + id).then().statusCode(200);
        as(team.admin()).delete("/api/v1/prices/" + id).then().statusCode(204);
        assertEquals(List.of("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z"),
                seen.of(tenant).stream().map(e -> e.from().toString()).toList());
        // A refused change announces nothing.
        as(team.admin()).body(entry("bad pattern", 1, 1)).post("/api/v1/prices").then().statusCode(400);
        assertEquals(4, seen.of(tenant).size());
    }

    private static Map<String, Object> entry(String pattern, double input, double output) {
        Map<String, Object> body = new HashMap<>();
        body.put("model_pattern", pattern);
        body.put("effective_from", "2024-01-01T00:00:00Z");
        body.put("input_per_mtok", input);
        body.put("output_per_mtok", output);
        return body;
    }

    @Test
    void theDefaultBookShipsAndTenantsSeeItBesideTheirOwn() {
        Accounts.Team team = newTeam();
        as(team.viewer()).queryParam("source", "default").queryParam("size", 100).get("/api/v1/prices").then().statusCode(200)
                .body("items.model_pattern", hasItems("gpt-4o*", "gpt-4o-mini*", "claude-sonnet-4*", "gemini-2.5-pro*"))
                .body("items.source", everyItem(equalTo("default")));
        String pattern = "house-model-" + UUID.randomUUID().toString().substring(0, 6);
        as(team.admin()).body(entry(pattern, 1, 2)).post("/api/v1/prices").then().statusCode(201);
        as(team.viewer()).get("/api/v1/prices").then().statusCode(200)
                .body("items[0].model_pattern", equalTo(pattern)).body("items[0].source", equalTo("tenant"))
                .body("total", greaterThan(20));
    }

    @Test
    void entriesAreCreatedReadChangedAndRemovedByTheirTenantOnly() {
        Accounts.Team team = newTeam();
        Accounts.Team other = newTeam();
        Map<String, Object> body = entry("acme-*", 1.5, 3);
        body.put("provider", "acme");
        body.put("tiers", List.of(Map.of("above_input_tokens", 100_000, "input_per_mtok", 3)));
        var created = as(team.admin()).body(body).post("/api/v1/prices").then().statusCode(201).extract();
        String id = created.path("id");
        org.junit.jupiter.api.Assertions.assertTrue(created.header("Location").endsWith("/api/v1/prices/" + id));
        as(team.viewer()).get("/api/v1/prices/" + id).then().statusCode(200).body("input_per_mtok", equalTo(1.5f))
                .body("tiers[0].above_input_tokens", equalTo(100_000)).body("source", equalTo("tenant"));
        // The same key again is a conflict; another tenant may have its own.
        as(team.admin()).body(body).post("/api/v1/prices").then().statusCode(409).body("code", equalTo("PRICE_EXISTS"));
        as(other.admin()).body(body).post("/api/v1/prices").then().statusCode(201);
        // Another tenant's id is not found, for reading and writing alike.
        as(other.admin()).get("/api/v1/prices/" + id).then().statusCode(404).body("code", equalTo("PRICE_NOT_FOUND"));
        as(other.admin()).body(body).put("/api/v1/prices/" + id).then().statusCode(404);
        as(other.admin()).delete("/api/v1/prices/" + id).then().statusCode(404);
        as(team.admin()).get("/api/v1/prices/not-an-id").then().statusCode(404);
        // Viewers and editors read; only admins write.
        as(team.editor()).body(entry("x*", 1, 1)).post("/api/v1/prices").then().statusCode(403);
        body.put("output_per_mtok", 4);
        as(team.admin()).body(body).put("/api/v1/prices/" + id).then().statusCode(200).body("output_per_mtok", equalTo(4));
        // Changing an entry onto another one's key is the same conflict.
        Map<String, Object> second = new HashMap<>(body);
        second.put("effective_from", "2025-01-01T00:00:00Z");
        String secondId = as(team.admin()).body(second).post("/api/v1/prices").then().statusCode(201).extract().path("id");
        as(team.admin()).body(body).put("/api/v1/prices/" + secondId).then().statusCode(409).body("code", equalTo("PRICE_EXISTS"));
        as(team.viewer()).queryParam("source", "tenant").queryParam("size", 1).get("/api/v1/prices").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(2)).body("items[0].id", equalTo(id));
        as(team.viewer()).queryParam("source", "tenant").queryParam("size", 1).queryParam("page", 1).get("/api/v1/prices")
                .then().statusCode(200).body("items[0].id", equalTo(secondId));
        as(team.admin()).delete("/api/v1/prices/" + id).then().statusCode(204);
        as(team.admin()).get("/api/v1/prices/" + id).then().statusCode(404);
    }

    @Test
    void theDefaultBookIsThePlatformAdminsToChange() {
        Accounts.Team team = newTeam();
        String defaultId = as(team.viewer()).queryParam("source", "default").get("/api/v1/prices").then().statusCode(200)
                .extract().path("items[0].id");
        as(team.viewer()).get("/api/v1/prices/" + defaultId).then().statusCode(200).body("source", equalTo("default"));
        as(team.admin()).delete("/api/v1/prices/" + defaultId).then().statusCode(403).body("code", equalTo("DEFAULT_BOOK_READ_ONLY"));
        Map<String, Object> body = entry("platform-test-" + UUID.randomUUID().toString().substring(0, 6), 1, 1);
        body.put("scope", "default");
        as(team.admin()).body(body).post("/api/v1/prices").then().statusCode(403);
        String id = as(platformAdminToken()).body(body).post("/api/v1/prices").then().statusCode(201)
                .body("source", equalTo("default")).extract().path("id");
        as(team.viewer()).get("/api/v1/prices/" + id).then().statusCode(200);
        as(platformAdminToken()).delete("/api/v1/prices/" + id).then().statusCode(204);
    }

    @Test
    void badEntriesAreRefusedFieldByField() {
        Accounts.Team team = newTeam();
        Map<String, Object> body = new HashMap<>();
        body.put("model_pattern", "bad pattern!");
        body.put("effective_from", "2024-01-01T00:00:00Z");
        body.put("input_per_mtok", -1);
        body.put("output_per_mtok", 100_000);
        body.put("cached_input_per_mtok", 0.0000001);
        body.put("provider", "p".repeat(101));
        body.put("tiers", List.of(Map.of("above_input_tokens", 10, "input_per_mtok", 1), Map.of("above_input_tokens", 10)));
        as(team.admin()).body(body).post("/api/v1/prices").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.field", hasItems("model_pattern", "input_per_mtok", "output_per_mtok",
                        "cached_input_per_mtok", "provider", "tiers[1].above_input_tokens"));
        Map<String, Object> noOffset = entry("ok*", 1, 1);
        noOffset.put("effective_from", "2024-01-01T00:00:00");
        as(team.admin()).body(noOffset).post("/api/v1/prices").then().statusCode(400);
        Map<String, Object> missing = entry("ok*", 1, 1);
        missing.remove("output_per_mtok");
        as(team.admin()).body(missing).post("/api/v1/prices").then().statusCode(400)
                .body("details.fields.field", hasItem("output_per_mtok"));
        Map<String, Object> tooManyTiers = entry("ok*", 1, 1);
        tooManyTiers.put("tiers", java.util.stream.IntStream.range(0, 21).mapToObj(i -> Map.of("above_input_tokens", i)).toList());
        as(team.admin()).body(tooManyTiers).post("/api/v1/prices").then().statusCode(400).body("details.fields.field", hasItem("tiers"));
        Map<String, Object> unknown = entry("ok*", 1, 1);
        unknown.put("discount", 5);
        as(team.admin()).body(unknown).post("/api/v1/prices").then().statusCode(400);
        as(team.admin()).queryParam("source", "mine").get("/api/v1/prices").then().statusCode(400);
    }

    @Test
    void aTenantEntryBeatsTheDefaultAndTiersApplyAboveTheirThreshold() {
        Accounts.Team team = newTeam();
        // Over the default gpt-4o* (2.50 / 10.00): a tenant's negotiated price, dearer above 100k input tokens.
        Map<String, Object> own = entry("gpt-4o", 2, 8);
        own.put("cached_input_per_mtok", 1);
        own.put("tiers", List.of(Map.of("above_input_tokens", 100_000, "input_per_mtok", 4),
                Map.of("above_input_tokens", 500_000, "input_per_mtok", 5, "output_per_mtok", 20)));
        as(team.admin()).body(own).post("/api/v1/prices").then().statusCode(201);
        Map<String, Object> small = event(uniquePrompt("tier"));
        small.put("model", "gpt-4o");
        small.put("input_tokens", 100_000);
        small.put("output_tokens", 1_000);
        Map<String, Object> middle = event(uniquePrompt("tier"));
        middle.put("model", "GPT-4o");
        middle.put("input_tokens", 200_000);
        middle.put("cached_input_tokens", 100_000);
        middle.put("output_tokens", 1_000);
        Map<String, Object> large = event(uniquePrompt("tier"));
        large.put("model", "gpt-4o");
        large.put("input_tokens", 1_000_000);
        large.put("output_tokens", 1_000_000);
        Map<String, Object> dated = event(uniquePrompt("tier"));
        dated.put("model", "gpt-4o-2024-08-06");
        dated.put("input_tokens", 1_000_000);
        dated.put("output_tokens", 0);
        Map<String, Object> unknownModel = event(uniquePrompt("tier"));
        unknownModel.put("model", "nobody-knows-this-model");
        postBatch(team.editor(), List.of(small, middle, large, dated, unknownModel)).statusCode(202).body("accepted", equalTo(5));
        UUID tenant = UUID.fromString(team.tenantId());
        // 100k is not above 100k: base prices. 0.1 M × 2 + 0.001 M × 8
        assertCost(tenant, small, "0.208");
        // Tier 1 (input 4; cached stays the entry's 1): 0.1 M × 4 + 0.1 M × 1 + 0.001 M × 8
        assertCost(tenant, middle, "0.508");
        // Tier 2: 1 M × 5 + 1 M × 20
        assertCost(tenant, large, "25");
        // The exact tenant pattern doesn't match a dated name: the default gpt-4o* does (2.50 per M).
        assertCost(tenant, dated, "2.5");
        assertCost(tenant, unknownModel, "0");
        // Another tenant still pays the default book for the same event.
        Accounts.Team other = newTeam();
        Map<String, Object> same = new HashMap<>(small);
        same.put("event_id", UUID.randomUUID().toString());
        postBatch(other.editor(), List.of(same)).statusCode(202);
        assertCost(UUID.fromString(other.tenantId()), same, "0.26");
    }

    @Test
    void cachedCacheWriteAndReasoningTokensAreEachChargedOnceAtTheirPrice() {
        Accounts.Team team = newTeam();
        // Default claude-sonnet-4*: 3 in, 0.30 cached, 3.75 cache write, 15 out (reasoning at the output price);
        // above 200k input tokens 6 / 0.60 / 7.50 / 22.50.
        Map<String, Object> below = event(uniquePrompt("claude"));
        below.put("model", "claude-sonnet-4-20250514");
        below.put("provider", "anthropic");
        below.put("input_tokens", 150_000);
        below.put("cached_input_tokens", 20_000);
        below.put("cache_write_tokens", 30_000);
        below.put("output_tokens", 100_000);
        below.put("reasoning_tokens", 50_000);
        Map<String, Object> above = new HashMap<>(below);
        above.put("event_id", UUID.randomUUID().toString());
        above.put("input_tokens", 1_000_000);
        above.put("cached_input_tokens", 200_000);
        above.put("cache_write_tokens", 300_000);
        postBatch(team.editor(), List.of(below, above)).statusCode(202).body("accepted", equalTo(2));
        UUID tenant = UUID.fromString(team.tenantId());
        // 100k × 3 + 20k × 0.30 + 30k × 3.75 + 50k × 15 + 50k × 15, per million
        assertCost(tenant, below, "1.9185");
        // 500k × 6 + 200k × 0.60 + 300k × 7.50 + 50k × 22.50 + 50k × 22.50, per million
        assertCost(tenant, above, "7.62");
    }

    @Test
    void theEntryInForceWhenTheEventStartedPricesIt() {
        Accounts.Team team = newTeam();
        String model = "dated-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> old = entry(model, 1, 0);
        old.put("effective_from", java.time.Instant.now().minus(java.time.Duration.ofDays(10)).toString());
        Map<String, Object> recent = entry(model, 3, 0);
        recent.put("effective_from", java.time.Instant.now().minus(java.time.Duration.ofDays(2)).toString());
        as(team.admin()).body(old).post("/api/v1/prices").then().statusCode(201);
        as(team.admin()).body(recent).post("/api/v1/prices").then().statusCode(201);
        Map<String, Object> before = event(uniquePrompt("dated"));
        before.put("model", model);
        before.put("input_tokens", 1_000_000);
        before.put("output_tokens", 0);
        before.put("started_at", java.time.Instant.now().minus(java.time.Duration.ofDays(5)).toString());
        Map<String, Object> after = new HashMap<>(before);
        after.put("event_id", UUID.randomUUID().toString());
        after.put("started_at", java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString());
        postBatch(team.editor(), List.of(before, after)).statusCode(202).body("accepted", equalTo(2));
        UUID tenant = UUID.fromString(team.tenantId());
        assertCost(tenant, before, "1");
        assertCost(tenant, after, "3");
    }

    private void assertCost(UUID tenant, Map<String, Object> event, String expected) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT cost FROM events WHERE tenant_id = ? AND event_id = ?")) {
            ps.setObject(1, tenant);
            ps.setObject(2, UUID.fromString((String) event.get("event_id")));
            try (ResultSet rs = ps.executeQuery()) {
                org.junit.jupiter.api.Assertions.assertTrue(rs.next(), "event stored");
                BigDecimal cost = rs.getBigDecimal(1);
                assertEquals(0, new BigDecimal(expected).compareTo(cost), "cost was " + cost + ", expected " + expected);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
