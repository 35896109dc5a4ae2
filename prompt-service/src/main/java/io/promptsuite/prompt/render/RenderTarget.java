package io.promptsuite.prompt.render;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.PublishedVersion;

/**
 * The version a request resolved to. Published versions come from the caches; a draft (asked for by number, by an
 * editor) is read fresh every time.
 */
public record RenderTarget(UUID tenantId, String name, String label, PublishedVersion published, PromptVersion draft) {

    public UUID versionId() {
        return published != null ? published.id() : draft.id;
    }

    public int number() {
        return published != null ? published.version() : draft.version;
    }

    public String type() {
        return published != null ? published.type() : draft.type;
    }

    public String template() {
        return published != null ? published.template() : draft.template;
    }

    public List<Map<String, String>> messages() {
        return published != null ? published.messages() : draft.messages;
    }

    public Map<String, Object> variablesSchema() {
        return published != null ? published.variablesSchema() : draft.variablesSchema;
    }
}
