package io.promptsuite.prompt.version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.prompt.template.Templates;
import io.promptsuite.prompt.template.VariablesSchema;

/** The shape rules of a version's content, checked whenever a draft is written. */
final class VersionContent {

    static final int MAX_TEMPLATE_CHARS = 100_000;
    static final int MAX_SCHEMA_BYTES = 64 * 1024;
    static final int MAX_CONFIG_BYTES = 16 * 1024;
    static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool", "developer");
    /** What a version holds when no schema is given: no variables at all. */
    static final Map<String, Object> EMPTY_SCHEMA = Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);

    private record Problem(String code, FieldError error) {
    }

    private VersionContent() {
    }

    static void check(PromptVersion v, ObjectMapper json) {
        List<Problem> problems = new ArrayList<>();
        if (PromptVersion.TEXT.equals(v.type)) {
            if (v.template == null) {
                problems.add(new Problem("INVALID_VERSION", new FieldError("template", "a text version needs a template")));
            } else {
                checkTemplate("template", v.template, problems);
            }
            if (v.messages != null) {
                problems.add(new Problem("INVALID_VERSION", new FieldError("messages", "a text version has no messages")));
            }
        } else if (PromptVersion.CHAT.equals(v.type)) {
            if (v.messages == null || v.messages.isEmpty()) {
                problems.add(new Problem("INVALID_VERSION", new FieldError("messages", "a chat version needs at least one message")));
            } else {
                for (int i = 0; i < v.messages.size(); i++) {
                    Map<String, String> message = v.messages.get(i);
                    if (!ROLES.contains(message.get("role"))) {
                        problems.add(new Problem("INVALID_VERSION", new FieldError("messages[" + i + "].role",
                                "must be one of system, user, assistant, tool, developer")));
                    }
                    checkTemplate("messages[" + i + "].content", message.get("content"), problems);
                }
            }
            if (v.template != null) {
                problems.add(new Problem("INVALID_VERSION", new FieldError("template", "a chat version has messages, not a template")));
            }
        } else {
            problems.add(new Problem("INVALID_VERSION", new FieldError("type", "must be text or chat")));
        }
        String schemaJson = write(json, v.variablesSchema);
        if (schemaJson.length() > MAX_SCHEMA_BYTES) {
            problems.add(new Problem("SCHEMA_INVALID", new FieldError("variables_schema", "must be at most 64 KiB")));
        } else {
            for (String problem : VariablesSchema.draftProblems(schemaJson, v.variablesSchema)) {
                problems.add(new Problem("SCHEMA_INVALID", new FieldError("variables_schema", problem)));
            }
        }
        if (write(json, v.config).length() > MAX_CONFIG_BYTES) {
            problems.add(new Problem("INVALID_VERSION", new FieldError("config", "must be at most 16 KiB")));
        }
        if (!problems.isEmpty()) {
            String code = problems.stream().map(Problem::code).distinct().count() == 1 ? problems.get(0).code() : "INVALID_VERSION";
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("fields", problems.stream().map(Problem::error).toList());
            throw new ApiException(400, code, problems.get(0).error().field() + ": " + problems.get(0).error().message(), details);
        }
    }

    private static void checkTemplate(String field, String template, List<Problem> problems) {
        if (template == null) {
            problems.add(new Problem("INVALID_VERSION", new FieldError(field, "is required")));
            return;
        }
        if (template.length() > MAX_TEMPLATE_CHARS) {
            problems.add(new Problem("TEMPLATE_TOO_LARGE", new FieldError(field, "must be at most " + MAX_TEMPLATE_CHARS + " characters")));
            return;
        }
        String error = Templates.parseError(template);
        if (error != null) {
            problems.add(new Problem("TEMPLATE_INVALID", new FieldError(field, error)));
        }
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("INVALID_VERSION", "The version's JSON can't be written back");
        }
    }
}
