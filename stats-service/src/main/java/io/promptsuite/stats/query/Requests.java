package io.promptsuite.stats.query;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The three questions, checked and normalised: the records are also the cache keys, so two requests that mean the
 * same thing (a default {@code to} within one minute) share an answer.
 */
final class Requests {

    enum GroupBy {
        PROMPT, VERSION, MODEL, LABEL, DAY, HOUR
    }

    enum Metric {
        CALLS, ERRORS, ERROR_RATE, LATENCY_P50, LATENCY_P95, LATENCY_P99, TOKENS, COST;

        boolean needsSketch() {
            return this == LATENCY_P50 || this == LATENCY_P95 || this == LATENCY_P99;
        }
    }

    enum TopBy {
        CALLS, ERRORS, COST, LATENCY_P95
    }

    enum Dimension {
        PROMPT, MODEL, USER
    }

    /** {@code [from, to)} as asked (or defaulted), and the zone its days and hours are cut in. */
    record Window(Instant from, Instant to, ZoneId zone) {
    }

    record Summary(Window window, Filters filters, GroupBy groupBy) {
    }

    record Timeseries(Window window, Filters filters, Metric metric, Interval interval) {
    }

    record Top(Window window, Filters filters, TopBy by, Dimension dimension, int limit) {
    }

    static final int MAX_LIMIT = 100;

    private Requests() {
    }

    static Summary summary(QueryParams q, Instant now, Duration maxRange) {
        Window w = window(q, now, maxRange);
        Filters f = filters(q);
        GroupBy g = q.choice("group_by", GroupBy.class, null, EnumSet.allOf(GroupBy.class));
        q.check();
        return new Summary(w, f, g);
    }

    static Timeseries timeseries(QueryParams q, Instant now, Duration maxRange) {
        Window w = window(q, now, maxRange);
        Filters f = filters(q);
        Metric m = q.choice("metric", Metric.class, Metric.CALLS, EnumSet.allOf(Metric.class));
        Interval i = q.choice("interval", Interval.class, Interval.HOUR, EnumSet.allOf(Interval.class));
        q.check();
        return new Timeseries(w, f, m, i);
    }

    static Top top(QueryParams q, Instant now, Duration maxRange) {
        Window w = window(q, now, maxRange);
        Filters f = filters(q);
        TopBy by = q.choice("by", TopBy.class, TopBy.CALLS, EnumSet.allOf(TopBy.class));
        Dimension d = q.choice("dimension", Dimension.class, Dimension.PROMPT, EnumSet.allOf(Dimension.class));
        Integer limit = q.integer("limit", 1, MAX_LIMIT, 10);
        if (d == Dimension.USER && f.any()) {
            // Per-user rollups carry no prompt, version, label or model: a filter could only be ignored, so it is refused.
            for (String name : new String[] { "prompt", "version", "label", "model" }) {
                if (q.text(name) != null) {
                    q.problem(name, "can't be combined with dimension=user");
                }
            }
        }
        q.check();
        return new Top(w, f, by, d, limit == null ? 10 : limit);
    }

    /**
     * Defaults: the last 24 hours up to the end of the current minute (so an event accepted a moment ago is in).
     * {@code to} is exclusive and must lie after {@code from}, at most {@code maxRange} later.
     */
    static Window window(QueryParams q, Instant now, Duration maxRange) {
        Instant from = q.instant("from");
        Instant to = q.instant("to");
        ZoneId zone = q.zone("tz");
        boolean fromGiven = q.text("from") != null;
        boolean toGiven = q.text("to") != null;
        if ((fromGiven && from == null) || (toGiven && to == null)) {
            return new Window(null, null, zone);
        }
        if (to == null) {
            to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            if (from != null && !from.isBefore(to)) {
                q.problem("from", "must lie before now (to defaults to the end of the current minute)");
                return new Window(null, null, zone);
            }
        }
        if (from == null) {
            from = to.minus(Duration.ofHours(24));
            if (from.isBefore(QueryParams.EARLIEST)) {
                from = QueryParams.EARLIEST;
            }
        }
        if (!from.isBefore(to)) {
            q.problem("to", "must lie after from");
        } else if (Duration.between(from, to).compareTo(maxRange) > 0) {
            q.problem("to", "must lie at most " + maxRange.toDays() + " days after from");
        }
        return new Window(from, to, zone);
    }

    static Filters filters(QueryParams q) {
        String prompt = q.nonEmpty("prompt");
        Integer version = q.integer("version", 0, Integer.MAX_VALUE, null);
        String label = q.text("label");
        String model = q.nonEmpty("model");
        return new Filters(prompt, version, label, model);
    }
}
