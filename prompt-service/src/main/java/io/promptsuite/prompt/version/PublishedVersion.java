package io.promptsuite.prompt.version;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.prompt.template.PartialSource;

/** An immutable snapshot of a published version, safe to share between requests and keep forever. */
public record PublishedVersion(UUID id, UUID promptId, int version, String type, String template,
        List<Map<String, String>> messages, Map<String, Object> variablesSchema, Map<String, Object> config,
        String commitMessage, String createdBy, OffsetDateTime createdAt, OffsetDateTime publishedAt, String publishedBy)
        implements PartialSource.Version {

    public static PublishedVersion of(PromptVersion v) {
        return new PublishedVersion(v.id, v.promptId, v.version, v.type, v.template,
                v.messages == null ? null : List.copyOf(v.messages), v.variablesSchema, v.config == null ? Map.of() : v.config,
                v.commitMessage, v.createdBy, v.createdAt, v.publishedAt, v.publishedBy);
    }
}
