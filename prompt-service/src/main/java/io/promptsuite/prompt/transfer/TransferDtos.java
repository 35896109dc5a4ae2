package io.promptsuite.prompt.transfer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.promptsuite.prompt.version.VersionDtos;

/** The YAML document of an export, which an import reads back. */
public final class TransferDtos {

    private TransferDtos() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(Integer formatVersion, String tenant, List<PromptDoc> prompts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromptDoc(String name, String description, List<String> tags, String visibility, List<VersionDoc> versions,
            Map<String, LabelDoc> labels) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionDoc(Integer version, String status, String type, String template, List<VersionDtos.Message> messages,
            Map<String, Object> variablesSchema, Map<String, Object> config, String commitMessage) {
    }

    public record LabelDoc(Integer version, @com.fasterxml.jackson.annotation.JsonProperty("protected") Boolean isProtected) {
    }

    /** One prompt's part of an import plan. */
    public record Change(String prompt, String action, List<String> details) {
    }

    public record Plan(boolean dryRun, boolean applied, Map<String, Integer> summary, List<Change> changes) {
    }
}
