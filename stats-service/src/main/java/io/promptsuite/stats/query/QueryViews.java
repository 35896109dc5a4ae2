package io.promptsuite.stats.query;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the stats queries answer. Times are RFC 3339 with the offset of the asked time zone. */
final class QueryViews {

    private QueryViews() {
    }

    @Schema(name = "LatencyMs", description = "Latency in milliseconds: percentiles from merged sketches (within 1 %), "
            + "max of maxima, mean = sum / calls; 0 without calls")
    record Latency(double p50, double p95, double p99, long max, double mean) {

        static Latency of(Aggregate a) {
            return new Latency(a.quantile(0.5), a.quantile(0.95), a.quantile(0.99), a.latencyMax, a.mean());
        }
    }

    @Schema(name = "SummaryRow", description = "The numbers of one group; its key fields are those of group_by "
            + "(prompt; prompt and version; model; label, \"\" for executions without a label; bucket for day/hour)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SummaryRow(
            @Schema(required = false) String prompt,
            @Schema(required = false) Integer version,
            @Schema(required = false) String label,
            @Schema(required = false) String model,
            @Schema(required = false, description = "Start of the day or hour in tz, RFC 3339") String bucket,
            long calls, long errors, double errorRate, Latency latencyMs, long inputTokens, long cachedInputTokens,
            long outputTokens, @Schema(type = SchemaType.NUMBER, description = "USD") BigDecimal cost) {

        static SummaryRow of(String prompt, Integer version, String label, String model, String bucket, Aggregate a) {
            return new SummaryRow(prompt, version, label, model, bucket, a.calls, a.errors, a.errorRate(), Latency.of(a),
                    a.inputTokens, a.cachedInputTokens, a.outputTokens, a.plainCost());
        }
    }

    @Schema(name = "Summary")
    record Summary(
            @Schema(description = "Effective start (from, moved to its minute or hour, see docs/stats.md)") String from,
            @Schema(description = "Effective exclusive end") String to, String tz,
            @Schema(nullable = true) String groupBy, List<SummaryRow> rows) {
    }

    @Schema(name = "TimeseriesPoint")
    record Point(@Schema(description = "Start of the bucket in tz, RFC 3339") String bucket,
            @Schema(type = SchemaType.NUMBER) Number value) {
    }

    @Schema(name = "Timeseries")
    record Timeseries(String metric, String interval, String tz, String from, String to, List<Point> points) {
    }

    @Schema(name = "TopRow", description = "One of the groups that matter most; its key field is that of the dimension")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TopRow(
            @Schema(required = false) String prompt,
            @Schema(required = false) String model,
            @Schema(required = false) String userId,
            long calls, long errors, double errorRate, long inputTokens, long outputTokens,
            @Schema(type = SchemaType.NUMBER, description = "USD") BigDecimal cost,
            @Schema(type = SchemaType.NUMBER, description = "The number ranked by: calls, errors, cost or latency p95 (ms)") Number value) {
    }

    @Schema(name = "Top")
    record Top(String by, String dimension, String from, String to, List<TopRow> rows) {
    }
}
