package io.promptsuite.prompt.cache;

import java.util.UUID;

import io.promptsuite.prompt.template.NotInMemory;
import io.promptsuite.prompt.template.PartialSource;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.PublishedVersion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Partials from the same heads and published versions renders use, so a warm render resolves them without a query.
 * A singleton: no client proxy on the render path.
 */
@Singleton
public class CachedPartials implements PartialSource {

    @Inject
    PromptHeadCache heads;

    @Inject
    PublishedVersions versions;

    @Override
    public Version find(UUID tenantId, String name, String label, boolean memoryOnly) {
        PromptHead head = memoryOnly ? heads.peek(tenantId, name) : heads.get(tenantId, name).orElse(null);
        if (head == null && memoryOnly) {
            throw NotInMemory.INSTANCE;
        }
        if (head == null) {
            throw new Unresolved("no prompt named '" + name + "'");
        }
        Integer number = head.resolve(label);
        if (number == null) {
            throw new Unresolved("prompt '" + name + "' has no label '" + label + "'");
        }
        PublishedVersion version = memoryOnly ? versions.peek(head.promptId(), number)
                : versions.get(head.promptId(), number).orElse(null);
        if (version == null && memoryOnly) {
            throw NotInMemory.INSTANCE;
        }
        if (version == null || !PromptVersion.TEXT.equals(version.type())) {
            throw new Unresolved("only published text prompts can be included");
        }
        return version;
    }
}
