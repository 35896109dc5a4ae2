package io.promptsuite.prompt.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.cache.PromptHead;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public final class PromptDtos {

    private PromptDtos() {
    }

    public record CreatePrompt(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = "[\\p{L}\\p{N}._:/-]+") String> tags,
            @Pattern(regexp = "private|tenant|public", message = "must be private, tenant or public") String visibility) {
    }

    public record UpdatePrompt(@Size(max = 2000) String description,
            @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = "[\\p{L}\\p{N}._:/-]+") String> tags,
            @Pattern(regexp = "private|tenant|public", message = "must be private, tenant or public") String visibility) {
    }

    public record PromptView(String id, String name, String tenant, @Schema(nullable = true) String description,
            List<String> tags, String visibility, Map<String, Integer> labels, @Schema(nullable = true) Integer latestVersion,
            String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt, @Schema(nullable = true) OffsetDateTime deletedAt) {

        /** The entity's own fields, with the labels and newest published version its head names. */
        public static PromptView of(Prompt prompt, PromptHead head) {
            return new PromptView(prompt.id.toString(), prompt.name, prompt.tenantSlug, prompt.description,
                    List.copyOf(prompt.tags), prompt.visibility, head.labels(), head.latest(), prompt.createdBy,
                    prompt.createdAt, prompt.updatedAt, prompt.deletedAt);
        }
    }
}
