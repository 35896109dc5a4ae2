package io.promptsuite.prompt.release;

import java.util.List;
import java.util.Map;

import io.promptsuite.prompt.version.VersionDtos;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public final class ReleaseDtos {

    private ReleaseDtos() {
    }

    /** Only read when the release creates the prompt. */
    public record NewPrompt(@Size(max = 2000) String description,
            @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = "[\\p{L}\\p{N}._:/-]+") String> tags,
            @Pattern(regexp = "private|tenant|public", message = "must be private, tenant or public") String visibility) {
    }

    /**
     * A version's content (as for {@code POST …/versions}) plus what to do with it: publish it (the default) and move
     * the named labels to it.
     */
    public record Release(@NotBlank String type, String template,
            @Size(max = 100) List<VersionDtos.@Valid @NotNull Message> messages, Map<String, Object> variablesSchema,
            Map<String, Object> config, @Size(max = 2000) String commitMessage, Boolean publish,
            @Size(max = 10) List<@NotBlank @Size(max = 64) String> labels, @Valid NewPrompt prompt) {

        boolean publishes() {
            return publish == null || publish;
        }

        List<String> labelNames() {
            return labels == null ? List.of() : labels.stream().distinct().toList();
        }

        VersionDtos.CreateVersion version() {
            return new VersionDtos.CreateVersion(type, template, messages, variablesSchema, config, commitMessage);
        }
    }

    public record ReleaseView(String name, int version, String status, List<String> labels, boolean promptCreated) {
    }
}
