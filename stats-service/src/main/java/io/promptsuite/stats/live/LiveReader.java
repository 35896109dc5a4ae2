package io.promptsuite.stats.live;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.promptsuite.common.error.ApiException;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The last minutes of a tenant, from the Redis counters or from PostgreSQL: while Redis is down, and for windows this
 * instance knows the counters to be short of (events accepted while Redis did not answer).
 */
@ApplicationScoped
public class LiveReader {

    /** What the live endpoint answers: where the numbers came from, and the minutes, oldest first. */
    public record Window(String source, List<LiveMinute> minutes) {
    }

    private static final String[] FIELDS = { LiveKeys.CALLS, LiveKeys.ERRORS, LiveKeys.INPUT_TOKENS,
            LiveKeys.OUTPUT_TOKENS, LiveKeys.COST_PICO_USD };

    /**
     * The folded minutes and the not-yet-folded events in one statement, so one snapshot: an event is either still
     * pending or already in its minute's rollup, never both and never neither.
     */
    private static final String FROM_POSTGRESQL = """
            SELECT m, sum(calls), sum(errors), sum(input_tokens), sum(output_tokens), sum(cost) FROM (
                SELECT bucket AS m, calls, errors, input_tokens, output_tokens, cost
                  FROM rollup_minute WHERE tenant_id = ? AND bucket >= ? AND bucket < ?
                UNION ALL
                SELECT to_timestamp(floor(extract(epoch FROM started_at) / 60) * 60), 1,
                       CASE WHEN is_error THEN 1 ELSE 0 END, input_tokens, output_tokens, cost
                  FROM pending WHERE tenant_id = ? AND started_at >= ? AND started_at < ?
            ) x GROUP BY m""";

    @Inject
    Redis redis;

    @Inject
    RedisGate gate;

    @Inject
    LiveKeys keys;

    @Inject
    DataSource db;

    @Inject
    MissedMinutes missed;

    public Window last(UUID tenant, int minutes, Instant now) {
        long newest = Math.floorDiv(now.getEpochSecond(), 60);
        long oldest = newest - minutes + 1;
        long expired = Math.floorDiv(now.minus(LiveCounters.KEEP).getEpochSecond(), 60);
        List<LiveMinute> fromRedis = missed.touch(tenant, oldest, newest, expired) ? null : fromRedis(tenant, oldest, newest);
        return fromRedis != null ? new Window("redis", fromRedis) : new Window("postgresql", fromPostgresql(tenant, oldest, newest));
    }

    private List<LiveMinute> fromRedis(UUID tenant, long oldest, long newest) {
        List<Request> reads = new ArrayList<>();
        for (long m = oldest; m <= newest; m++) {
            Request hmget = Request.cmd(Command.HMGET).arg(keys.minute(tenant, m));
            for (String f : FIELDS) {
                hmget.arg(f);
            }
            reads.add(hmget);
        }
        List<Response> answers = gate.await("live", redis.batch(reads));
        if (answers == null) {
            return null;
        }
        List<LiveMinute> out = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            Response r = answers.get(i);
            out.add(new LiveMinute(minuteStart(oldest + i), field(r, 0), field(r, 1), field(r, 2), field(r, 3),
                    plain(BigDecimal.valueOf(field(r, 4), 12))));
        }
        return out;
    }

    private static long field(Response hmget, int index) {
        Response value = hmget == null || hmget.size() <= index ? null : hmget.get(index);
        return value == null ? 0 : value.toLong();
    }

    private List<LiveMinute> fromPostgresql(UUID tenant, long oldest, long newest) {
        LiveMinute[] out = new LiveMinute[(int) (newest - oldest + 1)];
        Timestamp from = Timestamp.from(Instant.ofEpochSecond(oldest * 60));
        Timestamp to = Timestamp.from(Instant.ofEpochSecond((newest + 1) * 60));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(FROM_POSTGRESQL)) {
            for (int base : new int[] { 0, 3 }) {
                ps.setObject(base + 1, tenant);
                ps.setTimestamp(base + 2, from);
                ps.setTimestamp(base + 3, to);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long minute = rs.getTimestamp(1).toInstant().getEpochSecond() / 60;
                    if (minute >= oldest && minute <= newest) {
                        BigDecimal cost = rs.getBigDecimal(6);
                        out[(int) (minute - oldest)] = new LiveMinute(minuteStart(minute), rs.getLong(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), cost == null ? BigDecimal.ZERO : plain(cost));
                    }
                }
            }
        } catch (SQLException e) {
            throw new ApiException(503, "STATS_UNAVAILABLE", "Neither Redis nor PostgreSQL answered; retry shortly");
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = LiveMinute.empty(minuteStart(oldest + i));
            }
        }
        return List.of(out);
    }

    /** Without trailing zeros, and never in exponent form (10, not 1E+1). */
    static BigDecimal plain(BigDecimal cost) {
        BigDecimal stripped = cost.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static OffsetDateTime minuteStart(long epochMinute) {
        return Instant.ofEpochSecond(epochMinute * 60).atOffset(ZoneOffset.UTC);
    }
}
