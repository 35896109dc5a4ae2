package io.promptsuite.stats.ingest;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.promptsuite.stats.ExecutionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stores a batch in one statement, so in one transaction: the ids go into {@code event_keys}, and only the ones that
 * were new there go on into {@code events} and {@code pending}. A key another transaction is inserting at the same
 * moment makes this one wait for it and then skip it, so parallel copies of a batch are counted once.
 */
@ApplicationScoped
public class EventRepository {

    /** PostgreSQL's "no partition of relation found for row". */
    public static final String NO_PARTITION = "23514";

    private static final String STORE = """
            WITH input AS (
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[]::timestamptz[], ?::text[], ?::int4[], ?::text[],
                    ?::text[], ?::text[], ?::bool[], ?::text[], ?::int4[], ?::int4[], ?::int8[], ?::int8[], ?::int8[],
                    ?::int8[], ?::int8[], ?::numeric[], ?::bool[], ?::text[], ?::text[]::jsonb[])
                WITH ORDINALITY AS t(tenant_id, event_id, started_at, prompt, version, label, model, provider, is_error,
                    error_code, latency_ms, ttft_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
                    reasoning_tokens, cost, cost_given, user_id, metadata, ord)
            ), k AS (
                INSERT INTO event_keys (tenant_id, event_id, started_at)
                SELECT tenant_id, event_id, started_at FROM input ORDER BY ord
                ON CONFLICT DO NOTHING
                RETURNING tenant_id, event_id
            ), fresh AS (
                SELECT i.* FROM input i JOIN k USING (tenant_id, event_id)
            ), e AS (
                INSERT INTO events (tenant_id, event_id, started_at, prompt, version, label, model, provider, is_error,
                    error_code, latency_ms, ttft_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
                    reasoning_tokens, cost, cost_given, user_id, metadata)
                SELECT tenant_id, event_id, started_at, prompt, version, label, model, provider, is_error, error_code,
                    latency_ms, ttft_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
                    reasoning_tokens, cost, cost_given, user_id, metadata FROM fresh
            ), p AS (
                INSERT INTO pending (tenant_id, event_id, started_at, prompt, version, label, model, user_id, is_error,
                    latency_ms, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost)
                SELECT tenant_id, event_id, started_at, prompt, version, label, model, user_id, is_error, latency_ms,
                    input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost FROM fresh
            )
            SELECT ord FROM fresh""";

    @Inject
    DataSource dataSource;

    /**
     * Stores the events whose ids are new and answers their positions in {@code events}. The events must have distinct
     * (tenant, id) pairs and a cost; {@code costGiven[i]} says whether event i's cost came from the caller.
     */
    public List<Integer> store(List<ExecutionEvent> events, boolean[] costGiven) throws SQLException {
        int n = events.size();
        UUID[] tenants = new UUID[n];
        UUID[] ids = new UUID[n];
        String[] started = new String[n];
        String[] prompts = new String[n];
        Integer[] versions = new Integer[n];
        String[] labels = new String[n];
        String[] models = new String[n];
        String[] providers = new String[n];
        Boolean[] errors = new Boolean[n];
        String[] errorCodes = new String[n];
        Integer[] latencies = new Integer[n];
        Integer[] ttfts = new Integer[n];
        Long[] input = new Long[n];
        Long[] cached = new Long[n];
        Long[] cacheWrite = new Long[n];
        Long[] output = new Long[n];
        Long[] reasoning = new Long[n];
        BigDecimal[] costs = new BigDecimal[n];
        Boolean[] given = new Boolean[n];
        String[] users = new String[n];
        String[] metadata = new String[n];
        for (int i = 0; i < n; i++) {
            ExecutionEvent e = events.get(i);
            tenants[i] = e.tenantId();
            ids[i] = e.eventId();
            started[i] = e.startedAt().toString();
            prompts[i] = e.prompt();
            versions[i] = e.version();
            labels[i] = e.label();
            models[i] = e.model();
            providers[i] = e.provider();
            errors[i] = e.error();
            errorCodes[i] = e.errorCode();
            latencies[i] = e.latencyMs();
            ttfts[i] = e.timeToFirstTokenMs();
            input[i] = e.inputTokens();
            cached[i] = e.cachedInputTokens();
            cacheWrite[i] = e.cacheWriteTokens();
            output[i] = e.outputTokens();
            reasoning[i] = e.reasoningTokens();
            costs[i] = e.cost();
            given[i] = costGiven[i];
            users[i] = e.userId();
            metadata[i] = e.metadata();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(STORE)) {
            Object[][] columns = { tenants, ids, started, prompts, versions, labels, models, providers, errors, errorCodes,
                    latencies, ttfts, input, cached, cacheWrite, output, reasoning, costs, given, users, metadata };
            String[] types = { "uuid", "uuid", "text", "text", "int4", "text", "text", "text", "bool", "text", "int4",
                    "int4", "int8", "int8", "int8", "int8", "int8", "numeric", "bool", "text", "text" };
            List<Array> arrays = new ArrayList<>(columns.length);
            for (int i = 0; i < columns.length; i++) {
                Array array = c.createArrayOf(types[i], columns[i]);
                arrays.add(array);
                ps.setArray(i + 1, array);
            }
            List<Integer> stored = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getInt(1) - 1);
                }
            }
            for (Array array : arrays) {
                array.free();
            }
            return stored;
        }
    }
}
