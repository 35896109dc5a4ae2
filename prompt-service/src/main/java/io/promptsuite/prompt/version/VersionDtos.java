package io.promptsuite.prompt.version;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public final class VersionDtos {

    private VersionDtos() {
    }

    public record Message(@NotBlank @Size(max = 32) String role, @NotNull String content) {
    }

    public record CreateVersion(@NotBlank String type, String template, @Size(max = 100) List<@Valid @NotNull Message> messages,
            Map<String, Object> variablesSchema, Map<String, Object> config, @Size(max = 2000) String commitMessage) {
    }

    public record UpdateVersion(String type, String template, @Size(max = 100) List<@Valid @NotNull Message> messages,
            Map<String, Object> variablesSchema, Map<String, Object> config, @Size(max = 2000) String commitMessage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionView(String name, int version, String status, String type, String template,
            List<Map<String, String>> messages, Map<String, Object> variablesSchema, Map<String, Object> config,
            String commitMessage, String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            OffsetDateTime publishedAt, String publishedBy, String label) {

        public static VersionView of(String name, PromptVersion v) {
            return new VersionView(name, v.version, v.status, v.type, v.template, v.messages, v.variablesSchema,
                    v.config, v.commitMessage, v.createdBy, v.createdAt, v.updatedAt, v.publishedAt, v.publishedBy, null);
        }

        public static VersionView of(String name, PublishedVersion v, String label) {
            return new VersionView(name, v.version(), PromptVersion.PUBLISHED, v.type(), v.template(), v.messages(),
                    v.variablesSchema(), v.config(), v.commitMessage(), v.createdBy(), v.createdAt(), v.publishedAt(),
                    v.publishedAt(), v.publishedBy(), label);
        }
    }
}
