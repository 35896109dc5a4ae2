package io.promptsuite.stats.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.stats.StatsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Answers the three questions from the rollups and pending events, through the cache, timed. */
@ApplicationScoped
public class StatsQueries {

    @Inject
    RollupReader reader;

    @Inject
    QueryCache cache;

    @Inject
    QueryMetrics metrics;

    @Inject
    StatsConfig config;

    QueryViews.Summary summary(Scope scope, Requests.Summary q) {
        return metrics.time(QueryMetrics.Endpoint.SUMMARY, () -> cache.get(q, scope, () -> computeSummary(scope, q)));
    }

    QueryViews.Timeseries timeseries(Scope scope, Requests.Timeseries q) {
        return metrics.time(QueryMetrics.Endpoint.TIMESERIES, () -> cache.get(q, scope, () -> computeTimeseries(scope, q)));
    }

    QueryViews.Top top(Scope scope, Requests.Top q) {
        return metrics.time(QueryMetrics.Endpoint.TOP, () -> cache.get(q, scope, () -> computeTop(scope, q)));
    }

    private QueryViews.Summary computeSummary(Scope scope, Requests.Summary q) {
        Requests.Window w = q.window();
        Requests.GroupBy g = q.groupBy();
        List<QueryViews.SummaryRow> rows = new ArrayList<>();
        if (g == Requests.GroupBy.DAY || g == Requests.GroupBy.HOUR) {
            Plan plan = bucketed(w, g == Requests.GroupBy.DAY ? Interval.DAY : Interval.HOUR);
            Aggregate[] byBucket = perBucket(scope, q.filters(), plan, true);
            for (int i = 0; i < plan.size(); i++) {
                rows.add(QueryViews.SummaryRow.of(null, null, null, null, format(plan.labels().get(i)), byBucket[i]));
            }
            return new QueryViews.Summary(format(plan.from(), w.zone()), format(plan.to(), w.zone()), w.zone().getId(),
                    wire(g), rows);
        }
        Plan plan = Plan.whole(w.from(), w.to(), precision());
        List<String> keys = g == null ? List.of() : switch (g) {
            case PROMPT -> List.of("prompt");
            case VERSION -> List.of("prompt", "version");
            case MODEL -> List.of("model");
            default -> List.of("label");
        };
        int max = config.query().maxGroups();
        reader.read(scope, q.filters(), RollupReader.Source.DIMENSIONS, keys, true, plan, group -> {
            if (rows.size() == max) {
                throw new ApiException(422, "TOO_MANY_GROUPS", "More than " + max
                        + " groups: narrow the range or the filters, or ask /api/v1/stats/top");
            }
            rows.add(row(g, group));
        });
        if (g == null && rows.isEmpty()) {
            rows.add(QueryViews.SummaryRow.of(null, null, null, null, null, Aggregate.empty()));
        }
        return new QueryViews.Summary(format(plan.from(), w.zone()), format(plan.to(), w.zone()), w.zone().getId(),
                g == null ? null : wire(g), rows);
    }

    private static QueryViews.SummaryRow row(Requests.GroupBy g, RollupReader.Group group) {
        Aggregate a = group.numbers();
        if (g == null) {
            return QueryViews.SummaryRow.of(null, null, null, null, null, a);
        }
        List<Object> k = group.key();
        return switch (g) {
            case PROMPT -> QueryViews.SummaryRow.of((String) k.get(0), null, null, null, null, a);
            case VERSION -> QueryViews.SummaryRow.of((String) k.get(0), ((Number) k.get(1)).intValue(), null, null, null, a);
            case MODEL -> QueryViews.SummaryRow.of(null, null, null, (String) k.get(0), null, a);
            default -> QueryViews.SummaryRow.of(null, null, (String) k.get(0), null, null, a);
        };
    }

    private QueryViews.Timeseries computeTimeseries(Scope scope, Requests.Timeseries q) {
        Requests.Window w = q.window();
        Precision precision = precision();
        if (q.interval() == Interval.MINUTE && w.from().isBefore(precision.minuteCutoff())) {
            throw ApiException.invalidField("from", "per-minute numbers reach back to " + precision.minuteCutoff()
                    + " (stats.retention.minute-rollup-days); use interval=hour for older ranges");
        }
        Plan plan = bucketed(w, q.interval());
        Aggregate[] byBucket = perBucket(scope, q.filters(), plan, q.metric().needsSketch());
        List<QueryViews.Point> points = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            points.add(new QueryViews.Point(format(plan.labels().get(i)), value(q.metric(), byBucket[i])));
        }
        return new QueryViews.Timeseries(q.metric().name().toLowerCase(java.util.Locale.ROOT), q.interval().wire(),
                w.zone().getId(), format(plan.from(), w.zone()), format(plan.to(), w.zone()), points);
    }

    private static Number value(Requests.Metric metric, Aggregate a) {
        return switch (metric) {
            case CALLS -> a.calls;
            case ERRORS -> a.errors;
            case ERROR_RATE -> a.errorRate();
            case LATENCY_P50 -> a.quantile(0.5);
            case LATENCY_P95 -> a.quantile(0.95);
            case LATENCY_P99 -> a.quantile(0.99);
            case TOKENS -> a.tokens();
            case COST -> a.plainCost();
        };
    }

    private QueryViews.Top computeTop(Scope scope, Requests.Top q) {
        Requests.Window w = q.window();
        boolean users = q.dimension() == Requests.Dimension.USER;
        Plan plan = Plan.whole(w.from(), w.to(), users ? Precision.hours() : precision());
        String key = switch (q.dimension()) {
            case PROMPT -> "prompt";
            case MODEL -> "model";
            case USER -> "user_id";
        };
        record Ranked(String key, Aggregate numbers, BigDecimal value) {
        }
        // Worst first, so the heap drops the least important group and keeps only `limit` of them in memory.
        Comparator<Ranked> better = Comparator.comparing(Ranked::value).thenComparing(Ranked::key, Comparator.reverseOrder());
        PriorityQueue<Ranked> kept = new PriorityQueue<>(better);
        reader.read(scope, q.filters(), users ? RollupReader.Source.USERS : RollupReader.Source.DIMENSIONS, List.of(key),
                q.by() == Requests.TopBy.LATENCY_P95, plan, group -> {
                    Aggregate a = group.numbers();
                    BigDecimal v = switch (q.by()) {
                        case CALLS -> BigDecimal.valueOf(a.calls);
                        case ERRORS -> BigDecimal.valueOf(a.errors);
                        case COST -> a.plainCost();
                        case LATENCY_P95 -> BigDecimal.valueOf(a.quantile(0.95));
                    };
                    kept.add(new Ranked((String) group.key().get(0), a, v));
                    if (kept.size() > q.limit()) {
                        kept.poll();
                    }
                });
        List<Ranked> ranked = new ArrayList<>(kept);
        ranked.sort(better.reversed());
        List<QueryViews.TopRow> rows = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            Aggregate a = r.numbers();
            Number value = switch (q.by()) {
                case CALLS -> a.calls;
                case ERRORS -> a.errors;
                case COST -> a.plainCost();
                case LATENCY_P95 -> a.quantile(0.95);
            };
            rows.add(new QueryViews.TopRow(key.equals("prompt") ? r.key() : null, key.equals("model") ? r.key() : null,
                    users ? r.key() : null, a.calls, a.errors, a.errorRate(), a.inputTokens, a.outputTokens, a.plainCost(),
                    value));
        }
        return new QueryViews.Top(q.by().name().toLowerCase(java.util.Locale.ROOT),
                q.dimension().name().toLowerCase(java.util.Locale.ROOT), format(plan.from(), w.zone()),
                format(plan.to(), w.zone()), rows);
    }

    private Aggregate[] perBucket(Scope scope, Filters filters, Plan plan, boolean sketches) {
        Aggregate[] byBucket = new Aggregate[plan.size()];
        reader.read(scope, filters, RollupReader.Source.DIMENSIONS, List.of(), sketches, plan,
                group -> byBucket[group.index()] = group.numbers());
        for (int i = 0; i < byBucket.length; i++) {
            if (byBucket[i] == null) {
                byBucket[i] = Aggregate.empty();
            }
        }
        return byBucket;
    }

    private Plan bucketed(Requests.Window w, Interval interval) {
        try {
            return Plan.bucketed(w.from(), w.to(), w.zone(), interval, config.query().maxBuckets(), precision());
        } catch (Buckets.TooMany e) {
            throw ApiException.invalidField("interval", "the range holds more than " + config.query().maxBuckets()
                    + " buckets of one " + interval.wire() + "; choose a shorter range or a wider interval");
        }
    }

    private Precision precision() {
        return Precision.at(Instant.now(), config.retention().minuteRollupDays());
    }

    private static String wire(Requests.GroupBy g) {
        return g.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String format(ZonedDateTime t) {
        return t.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String format(Instant t, ZoneId zone) {
        return format(t.atZone(zone));
    }
}
