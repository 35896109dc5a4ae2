package io.promptsuite.prompt.execution;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptAccess;
import io.promptsuite.prompt.label.Label;
import io.promptsuite.prompt.label.LabelRepository;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.VersionRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Takes a reported execution: checks it, resolves the prompt and version with the render rules, and writes the event
 * to the outbox in the same transaction, so an accepted report is never lost and a refused one never leaves a row.
 */
@ApplicationScoped
public class ExecutionService {

    @Inject
    PromptAccess access;

    @Inject
    VersionRepository versions;

    @Inject
    LabelRepository labels;

    @Inject
    OutboxRepository outbox;

    @Inject
    ExecutionsConfig config;

    @Inject
    ObjectMapper json;

    private ExecutionRules rules;

    @PostConstruct
    void init() {
        rules = new ExecutionRules(config.maxFutureSkew(), config.maxAge(), config.maxMetadataBytes(), json);
    }

    /** Answers the event id (the report's own, or a new one). */
    @Transactional
    public UUID report(Caller caller, String name, ExecutionReport report) {
        Instant now = Instant.now();
        List<FieldError> bad = rules.check(report, now);
        if (!bad.isEmpty()) {
            throw new ApiException(400, "VALIDATION_FAILED", "The request has invalid fields", Map.of("fields", bad));
        }
        // The caller's own tenant only: an execution is counted for the tenant that owns the prompt, so reporting one
        // of another tenant's (even public) prompts would write into that tenant's statistics.
        Prompt prompt = access.visible(caller, name);
        int version = version(caller, prompt, report);
        UUID eventId = report.eventId() != null ? report.eventId() : UUID.randomUUID();
        outbox.add(prompt.tenantId, eventId, wire(eventId, prompt, version, report, ExecutionRules.startedAt(report, now), caller));
        return eventId;
    }

    /**
     * The version that ran, as rendering would have served it: a published one, or a draft for an editor. A label
     * must exist; with a version as well, the version wins (the label may have moved since the execution).
     */
    private int version(Caller caller, Prompt prompt, ExecutionReport report) {
        Integer fromLabel = null;
        if (report.label() != null) {
            Label label = labels.find(prompt.id, report.label()).orElseThrow(() -> ApiException.notFound("LABEL_NOT_FOUND",
                    "Prompt '" + prompt.name + "' has no label '" + report.label() + "'"));
            fromLabel = label.version;
        }
        if (report.version() == null) {
            return fromLabel;
        }
        PromptVersion v = versions.find(prompt.id, report.version()).orElse(null);
        if (v == null || (!v.published() && !caller.has(Roles.EDITOR))) {
            throw ApiException.notFound("VERSION_NOT_FOUND", "Prompt '" + prompt.name + "' has no version " + report.version());
        }
        return v.version;
    }

    private String wire(UUID eventId, Prompt prompt, int version, ExecutionReport r, Instant startedAt, Caller caller) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", eventId.toString());
        e.put("tenant_id", prompt.tenantId.toString());
        e.put("prompt", prompt.name);
        e.put("version", version);
        put(e, "label", r.label());
        e.put("model", r.model());
        e.put("provider", r.provider());
        e.put("status", r.status());
        put(e, "error_code", r.errorCode());
        e.put("latency_ms", r.latencyMs());
        put(e, "time_to_first_token_ms", r.timeToFirstTokenMs());
        e.put("input_tokens", r.inputTokens());
        put(e, "cached_input_tokens", r.cachedInputTokens());
        put(e, "cache_write_tokens", r.cacheWriteTokens());
        e.put("output_tokens", r.outputTokens());
        put(e, "reasoning_tokens", r.reasoningTokens());
        put(e, "cost", r.cost());
        e.put("started_at", startedAt.toString());
        put(e, "user_id", r.userId() != null ? r.userId() : caller.userId());
        put(e, "metadata", r.metadata());
        try {
            return json.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("An execution event could not be written as JSON", ex);
        }
    }

    private static void put(Map<String, Object> e, String key, Object value) {
        if (value != null) {
            e.put(key, value);
        }
    }
}
