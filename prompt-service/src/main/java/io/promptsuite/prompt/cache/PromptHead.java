package io.promptsuite.prompt.cache;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.prompt.PromptNames;


/**
 * What the hot path needs to know about a prompt before touching a version: where it is, who may see it, and which
 * version each label points at. Small, cached in process and in Redis, replaced whenever any of it changes.
 *
 * @param latest the newest published version, null when none is published
 */
public record PromptHead(UUID promptId, UUID tenantId, String tenantSlug, String name, String description,
        List<String> tags, String visibility, Map<String, Integer> labels, Integer latest) {

    public Integer resolve(String label) {
        return PromptNames.LATEST.equals(label) ? latest : labels.get(label);
    }
}
