package io.promptsuite.stats.otlp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.security.Caller;
import io.promptsuite.stats.ExecutionEvent;
import io.promptsuite.stats.StatsConfig;
import io.promptsuite.stats.ingest.EventRules;
import io.promptsuite.stats.ingest.IngestService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Spans in, events through the one ingest path: the tenant of each resource settled, each GenAI span mapped, the
 * events handed to {@link IngestService} in batches it accepts. Unlike the batch API, OTLP is not all-or-nothing: the
 * protocol has partial success, and a collector would otherwise retry (or drop) a whole export over one bad span. So a
 * batch the ingest rules refuse is retried without the events they named, and those count as rejected spans.
 */
@ApplicationScoped
public class TraceIngest {

    /** What one export did, as OTLP's partial success says it. */
    public record Outcome(int accepted, int duplicates, int rejected, String errorMessage) {
    }

    static final String TENANT_ATTRIBUTE = "suite.tenant_id";
    private static final Pattern EVENT_INDEX = Pattern.compile("^events\\[(\\d+)]");
    private static final int MAX_REASONS = 5;
    /** Each retry drops at least one event; after this many a batch is refused whole instead of looping on. */
    private static final int MAX_RETRIES = 3;

    @Inject
    IngestService ingest;

    @Inject
    EventRules rules;

    @Inject
    StatsConfig config;

    @Inject
    MeterRegistry metrics;

    public Outcome export(Caller caller, List<OtlpResourceSpans> resources) {
        Rejections rejections = new Rejections();
        List<Candidate> candidates = new ArrayList<>();
        Instant now = Instant.now();
        for (OtlpResourceSpans resource : resources) {
            TenantOrReason tenant = tenantOf(resource, caller);
            for (OtlpSpan span : resource.spans()) {
                String refusal = classify(span, tenant, now, candidates);
                if (refusal != null) {
                    rejections.add(span.spanId(), refusal);
                }
            }
        }
        int accepted = 0;
        int duplicates = 0;
        int max = Math.max(1, config.ingest().maxBatch());
        for (int from = 0; from < candidates.size(); from += max) {
            IngestService.IngestResult r = acceptDroppingInvalid(candidates.subList(from, Math.min(candidates.size(), from + max)),
                    rejections);
            accepted += r.accepted();
            duplicates += r.duplicates();
        }
        count("accepted", accepted);
        count("duplicate", duplicates);
        count("rejected", rejections.count);
        return new Outcome(accepted, duplicates, rejections.count, rejections.message());
    }

    /** Adds the span's event to {@code candidates}; answers why it can't be counted, or null (also when ignored). */
    private String classify(OtlpSpan span, TenantOrReason tenant, Instant now, List<Candidate> candidates) {
        SpanOutcome outcome = GenAiMapping.map(span, tenant.tenant());
        if (outcome instanceof SpanOutcome.Rejected r) {
            return r.reason();
        }
        if (!(outcome instanceof SpanOutcome.Mapped m)) {
            return null;
        }
        if (tenant.reason() != null) {
            return tenant.reason();
        }
        String problem = firstProblem(m.event(), now);
        if (problem == null) {
            candidates.add(new Candidate(span.spanId(), m.event()));
        }
        return problem;
    }

    /** stats_otlp_spans_total{outcome}: GenAI spans by what became of them (ignored spans aren't counted). */
    private void count(String outcome, int n) {
        if (n > 0) {
            metrics.counter("stats.otlp.spans", "outcome", outcome).increment(n);
        }
    }

    /** The ingest rules on one event, so a bad span is rejected alone instead of failing its batch. */
    private String firstProblem(ExecutionEvent event, Instant now) {
        List<FieldError> problems = rules.problems(0, event, now);
        if (problems.isEmpty()) {
            return null;
        }
        FieldError first = problems.get(0);
        return first.field().replaceFirst("^events\\[0]\\.", "") + " " + first.message();
    }

    /**
     * The batch through ingest. The rules were checked span by span already; should ingest still refuse some events
     * (the tenant's retention changed meanwhile), those it names are rejected and the rest go in again.
     */
    private IngestService.IngestResult acceptDroppingInvalid(List<Candidate> batch, Rejections rejections) {
        List<Candidate> left = batch;
        for (int attempt = 0; !left.isEmpty(); attempt++) {
            try {
                return ingest.accept(left.stream().map(Candidate::event).toList());
            } catch (ApiException e) {
                if (e.status() != 400 || attempt == MAX_RETRIES) {
                    if (e.status() != 400) {
                        throw e;
                    }
                    left.forEach(c -> rejections.add(c.spanId(), e.getMessage()));
                    break;
                }
                Map<Integer, String> bad = badIndexes(e, left.size());
                if (bad.isEmpty()) {
                    left.forEach(c -> rejections.add(c.spanId(), e.getMessage()));
                    break;
                }
                List<Candidate> next = new ArrayList<>(left.size() - bad.size());
                for (int i = 0; i < left.size(); i++) {
                    if (bad.containsKey(i)) {
                        rejections.add(left.get(i).spanId(), bad.get(i));
                    } else {
                        next.add(left.get(i));
                    }
                }
                left = next;
            }
        }
        return new IngestService.IngestResult(0, 0);
    }

    /** The event indexes a VALIDATION_FAILED names, each with its first field's message. */
    private static Map<Integer, String> badIndexes(ApiException e, int size) {
        Map<Integer, String> bad = new LinkedHashMap<>();
        if (!(e.details().get("fields") instanceof List<?> fields)) {
            return bad;
        }
        for (Object f : fields) {
            String field;
            String message;
            if (f instanceof FieldError fe) {
                field = fe.field();
                message = fe.message();
            } else if (f instanceof Map<?, ?> m) {
                field = String.valueOf(m.get("field"));
                message = String.valueOf(m.get("message"));
            } else {
                continue;
            }
            Matcher matcher = EVENT_INDEX.matcher(field == null ? "" : field);
            if (matcher.find()) {
                int index = Integer.parseInt(matcher.group(1));
                if (index < size) {
                    String attribute = field.substring(matcher.end()).replaceFirst("^\\.", "");
                    bad.putIfAbsent(index, attribute.isEmpty() ? message : attribute + ": " + message);
                }
            }
        }
        return bad;
    }

    private record Candidate(byte[] spanId, ExecutionEvent event) {
    }

    private record TenantOrReason(UUID tenant, String reason) {
    }

    /** A tenant's own credential speaks for its tenant only; a service names the tenant per resource. */
    private static TenantOrReason tenantOf(OtlpResourceSpans resource, Caller caller) {
        Object named = resource.resource().get(TENANT_ATTRIBUTE);
        if (caller.tenantId() != null) {
            UUID own = caller.tenant();
            if (named != null && !named.toString().equalsIgnoreCase(own.toString())) {
                return new TenantOrReason(own, "the resource attribute " + TENANT_ATTRIBUTE + " names another tenant");
            }
            return new TenantOrReason(own, null);
        }
        if (named == null) {
            return new TenantOrReason(null, "a service token must name the tenant in the resource attribute " + TENANT_ATTRIBUTE);
        }
        try {
            return new TenantOrReason(UUID.fromString(named.toString()), null);
        } catch (IllegalArgumentException e) {
            return new TenantOrReason(null, "the resource attribute " + TENANT_ATTRIBUTE + " is not a tenant id");
        }
    }

    /** Counts every refused span and keeps a few distinct reasons, so the message stays short whatever came in. */
    private static final class Rejections {
        int count;
        final Map<String, String> reasons = new LinkedHashMap<>();

        void add(byte[] spanId, String reason) {
            count++;
            if (reasons.size() < MAX_REASONS && !reasons.containsKey(reason)) {
                reasons.put(reason, HexFormat.of().formatHex(spanId));
            }
        }

        String message() {
            if (count == 0) {
                return "";
            }
            StringBuilder b = new StringBuilder().append(count).append(count == 1 ? " span" : " spans").append(" rejected: ");
            String sep = "";
            for (var r : reasons.entrySet()) {
                b.append(sep).append(r.getKey()).append(" (span ").append(r.getValue()).append(')');
                sep = "; ";
            }
            return b.toString();
        }
    }
}
