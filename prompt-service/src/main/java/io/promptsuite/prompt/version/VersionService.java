package io.promptsuite.prompt.version;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptAccess;
import io.promptsuite.prompt.PromptChange;
import io.promptsuite.prompt.template.PartialResolver;
import io.promptsuite.prompt.template.Templates;
import io.promptsuite.prompt.template.VariablesSchema;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Versions: drafts that change, then publication, after which nothing about them changes again. */
@ApplicationScoped
public class VersionService {

    @Inject
    PromptAccess access;

    @Inject
    VersionRepository versions;

    @Inject
    PartialResolver partials;

    @Inject
    Event<PromptChange> changes;

    @Inject
    ObjectMapper json;

    @Transactional
    public PromptVersion create(Caller caller, String name, VersionDtos.CreateVersion body) {
        Prompt prompt = access.forChange(caller, name);
        PromptVersion v = draftFrom(caller, prompt, body);
        if (prompt.lastVersion >= PromptVersion.MAX_NUMBER) {
            throw ApiException.conflict("TOO_MANY_VERSIONS", "Prompt '" + name + "' has used every version number up to "
                    + PromptVersion.MAX_NUMBER);
        }
        prompt.lastVersion += 1;
        v.version = prompt.lastVersion;
        versions.persist(v);
        changes.fire(PromptChange.versionCreated(prompt, v.version, caller));
        return v;
    }

    /** Creates a version as it was elsewhere (import): its number and status kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PromptVersion importVersion(Caller caller, Prompt prompt, int number, VersionDtos.CreateVersion body, boolean publish) {
        PromptVersion v = draftFrom(caller, prompt, body);
        v.version = number;
        prompt.lastVersion = Math.max(prompt.lastVersion, number);
        versions.persist(v);
        changes.fire(PromptChange.versionImported(prompt, number, caller));
        if (publish) {
            // Partials may be prompts of the same import, not yet visible to the resolver: they are checked at render.
            publishChecked(caller, prompt, v, false);
        }
        return v;
    }

    /** Runs every check a create runs on its body, storing nothing: an import checks its whole document first. */
    public void checkDraft(Caller caller, VersionDtos.CreateVersion body) {
        draftFrom(caller, new Prompt(), body);
    }

    /** A checked draft holding the body's content, not yet numbered nor stored. */
    private PromptVersion draftFrom(Caller caller, Prompt prompt, VersionDtos.CreateVersion body) {
        PromptVersion v = new PromptVersion();
        v.id = UUID.randomUUID();
        v.promptId = prompt.id;
        v.tenantId = prompt.tenantId;
        v.type = body.type();
        v.template = body.template();
        v.messages = messages(body.messages());
        v.variablesSchema = body.variablesSchema() == null ? VersionContent.EMPTY_SCHEMA : body.variablesSchema();
        v.config = body.config() == null ? Map.of() : body.config();
        v.commitMessage = body.commitMessage();
        VersionContent.check(v, json);
        v.status = PromptVersion.DRAFT;
        v.createdBy = caller.userId();
        v.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        v.updatedAt = v.createdAt;
        return v;
    }

    @Transactional
    public Page<PromptVersion> list(Caller caller, String name, PageParams page) {
        var query = versions.find("promptId", Sort.by("version"), access.visible(caller, name).id);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    @Transactional
    public PromptVersion get(Caller caller, String name, int number) {
        return find(access.visible(caller, name), number);
    }

    @Transactional
    public PromptVersion update(Caller caller, String name, int number, VersionDtos.UpdateVersion body) {
        Prompt prompt = access.forChange(caller, name);
        PromptVersion v = draft(prompt, number, "changed");
        if (body.type() != null) {
            v.type = body.type();
        }
        if (body.template() != null) {
            v.template = body.template();
        }
        if (body.messages() != null) {
            v.messages = messages(body.messages());
        }
        if (PromptVersion.TEXT.equals(v.type) && body.messages() == null && body.type() != null) {
            v.messages = null;
        }
        if (PromptVersion.CHAT.equals(v.type) && body.template() == null && body.type() != null) {
            v.template = null;
        }
        if (body.variablesSchema() != null) {
            v.variablesSchema = body.variablesSchema();
        }
        if (body.config() != null) {
            v.config = body.config();
        }
        if (body.commitMessage() != null) {
            v.commitMessage = body.commitMessage();
        }
        VersionContent.check(v, json);
        v.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        changes.fire(PromptChange.versionUpdated(prompt, number, caller));
        return v;
    }

    @Transactional
    public void delete(Caller caller, String name, int number) {
        Prompt prompt = access.forChange(caller, name);
        PromptVersion v = draft(prompt, number, "deleted");
        versions.delete(v);
        changes.fire(PromptChange.versionDeleted(prompt, number, caller));
    }

    @Transactional
    public PromptVersion publish(Caller caller, String name, int number) {
        Prompt prompt = access.forChange(caller, name);
        PromptVersion v = find(prompt, number);
        if (v.published()) {
            throw ApiException.conflict("VERSION_PUBLISHED", "Version " + number + " is already published");
        }
        publishChecked(caller, prompt, v, true);
        return v;
    }

    private void publishChecked(Caller caller, Prompt prompt, PromptVersion v, boolean checkPartials) {
        List<FieldError> problems = publishProblems(prompt, v, checkPartials);
        if (!problems.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("problems", problems);
            throw new ApiException(422, "PUBLISH_CHECKS_FAILED",
                    "Version " + v.version + " can't be published: " + problems.get(0).message(), details);
        }
        v.status = PromptVersion.PUBLISHED;
        v.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        v.publishedBy = caller.userId();
        changes.fire(PromptChange.versionPublished(prompt, v.version, caller));
    }

    /** The schema is valid, every template variable is declared in it, and every partial resolves without a cycle. */
    List<FieldError> publishProblems(Prompt prompt, PromptVersion v, boolean checkPartials) {
        List<FieldError> problems = new ArrayList<>();
        String schemaJson = VersionContent.write(json, v.variablesSchema);
        for (String problem : VariablesSchema.problems(schemaJson, v.variablesSchema)) {
            problems.add(new FieldError("variables_schema", problem));
        }
        VariablesSchema schema = problems.isEmpty() ? VariablesSchema.compile(schemaJson, v.variablesSchema) : null;
        Map<String, String> templates = templates(v);
        templates.forEach((field, template) -> {
            Templates.References refs = Templates.references(template);
            if (schema != null) {
                for (String variable : refs.variables()) {
                    if (!schema.declares(variable)) {
                        problems.add(new FieldError(field, "template variable '" + variable + "' is not declared in variables_schema"));
                    }
                }
            }
        });
        // Shape and cost limits (422 TEMPLATE_TOO_COMPLEX), then includes and parents: cycles and unresolvable references.
        problems.addAll(partials.publishProblems(prompt.tenantId, prompt.name, templates, checkPartials));
        return problems;
    }

    static Map<String, String> templates(PromptVersion v) {
        Map<String, String> templates = new LinkedHashMap<>();
        if (PromptVersion.TEXT.equals(v.type)) {
            templates.put("template", v.template);
        } else {
            for (int i = 0; i < v.messages.size(); i++) {
                templates.put("messages[" + i + "].content", v.messages.get(i).get("content"));
            }
        }
        return templates;
    }

    private PromptVersion find(Prompt prompt, int number) {
        return versions.find(prompt.id, number)
                .orElseThrow(() -> ApiException.notFound("VERSION_NOT_FOUND", "Prompt '" + prompt.name + "' has no version " + number));
    }

    private PromptVersion draft(Prompt prompt, int number, String verb) {
        PromptVersion v = find(prompt, number);
        if (v.published()) {
            throw ApiException.conflict("VERSION_PUBLISHED", "Version " + number + " is published and can't be " + verb);
        }
        return v;
    }

    private static List<Map<String, String>> messages(List<VersionDtos.Message> messages) {
        if (messages == null) {
            return null;
        }
        List<Map<String, String>> list = new ArrayList<>();
        for (VersionDtos.Message m : messages) {
            Map<String, String> message = new LinkedHashMap<>();
            message.put("role", m.role());
            message.put("content", m.content());
            list.add(message);
        }
        return list;
    }
}
