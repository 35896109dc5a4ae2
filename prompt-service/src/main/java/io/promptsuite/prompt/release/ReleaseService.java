package io.promptsuite.prompt.release;

import java.util.List;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;
import io.promptsuite.prompt.PromptNames;
import io.promptsuite.prompt.PromptRepository;
import io.promptsuite.prompt.catalog.PromptDtos;
import io.promptsuite.prompt.catalog.PromptService;
import io.promptsuite.prompt.label.LabelService;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.VersionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Ships a prompt in one call: creates the prompt if the tenant has none of that name, adds the version, publishes it
 * and moves the labels, all in one transaction. Each step is the same service call the separate endpoints make (same
 * checks, same roles, same change events and audit entries), so a release is exactly the four calls it replaces,
 * except that it happens entirely or not at all.
 */
@ApplicationScoped
public class ReleaseService {

    @Inject
    PromptRepository prompts;

    @Inject
    PromptService catalog;

    @Inject
    VersionService versions;

    @Inject
    LabelService labels;

    @Transactional
    public ReleaseDtos.ReleaseView ship(Caller caller, String name, ReleaseDtos.Release body) {
        List<String> labelNames = body.labelNames();
        if (!labelNames.isEmpty() && !body.publishes()) {
            throw ApiException.badRequest("LABELS_NEED_PUBLISH", "Labels point at published versions; leave 'publish' on to move them");
        }
        labelNames.forEach(PromptNames::checkLabel);
        boolean create = prompts.findByName(caller.tenant(), name).isEmpty();
        if (create) {
            ReleaseDtos.NewPrompt about = body.prompt();
            catalog.create(caller, new PromptDtos.CreatePrompt(name, about == null ? null : about.description(),
                    about == null ? null : about.tags(), about == null ? null : about.visibility()));
        }
        PromptVersion version = versions.create(caller, name, body.version());
        if (body.publishes()) {
            versions.publish(caller, name, version.version);
            for (String label : labelNames) {
                labels.move(caller, name, label, version.version, body.commitMessage());
            }
        }
        return new ReleaseDtos.ReleaseView(name, version.version, version.status, labelNames, create);
    }
}
