package io.promptsuite.stats.rollup;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a rollup needs of one event. {@code pending} and {@code events} name these columns alike, so the folder (from
 * pending) and the rebuilder (from events) read them the same way and can't count differently.
 */
record FoldRow(UUID tenant, Instant startedAt, String prompt, int version, String label, String model, String userId,
        boolean error, int latencyMs, long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens,
        BigDecimal cost) {

    static final String COLUMNS = "tenant_id, started_at, prompt, version, label, model, user_id, is_error, latency_ms, "
            + "input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost";

    static FoldRow read(ResultSet rs) throws SQLException {
        return new FoldRow(rs.getObject("tenant_id", UUID.class), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getString("prompt"), rs.getInt("version"), rs.getString("label"), rs.getString("model"),
                rs.getString("user_id"), rs.getBoolean("is_error"), rs.getInt("latency_ms"), rs.getLong("input_tokens"),
                rs.getLong("cached_input_tokens"), rs.getLong("output_tokens"), rs.getLong("reasoning_tokens"),
                rs.getBigDecimal("cost"));
    }

    FoldRow withCost(BigDecimal newCost) {
        return new FoldRow(tenant, startedAt, prompt, version, label, model, userId, error, latencyMs, inputTokens,
                cachedInputTokens, outputTokens, reasoningTokens, newCost);
    }
}
