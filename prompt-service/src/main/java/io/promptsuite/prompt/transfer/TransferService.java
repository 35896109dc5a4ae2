package io.promptsuite.prompt.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptChange;
import io.promptsuite.prompt.PromptNames;
import io.promptsuite.prompt.PromptRepository;
import io.promptsuite.prompt.catalog.PromptDtos;
import io.promptsuite.prompt.catalog.PromptService;
import io.promptsuite.prompt.label.Label;
import io.promptsuite.prompt.label.LabelRepository;
import io.promptsuite.prompt.label.LabelService;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.VersionDtos;
import io.promptsuite.prompt.version.VersionRepository;
import io.promptsuite.prompt.version.VersionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A tenant's prompts out as one document and back in. Names, version numbers, statuses and labels survive the round
 * trip. An import is planned first (what would be created, updated, left alone, or conflicts); it is applied only when
 * asked and only when nothing conflicts, in one transaction.
 */
@ApplicationScoped
public class TransferService {

    static final int FORMAT = 1;

    @Inject
    PromptService prompts;

    @Inject
    PromptRepository promptRepository;

    @Inject
    VersionRepository versions;

    @Inject
    VersionService versionService;

    @Inject
    LabelRepository labels;

    @Inject
    LabelService labelService;

    @Inject
    Event<PromptChange> changes;

    @Inject
    ImportChecks checks;

    @Transactional
    public TransferDtos.Document export(Caller caller) {
        List<TransferDtos.PromptDoc> docs = new ArrayList<>();
        PageParams page = new PageParams();
        page.size = PageParams.MAX_SIZE;
        for (page.page = 0;; page.page++) {
            var batch = prompts.list(caller, null, null, false, false, page);
            for (Prompt prompt : batch.items()) {
                docs.add(exportOne(prompt));
            }
            if ((long) (page.page + 1) * page.size >= batch.total()) {
                break;
            }
        }
        return new TransferDtos.Document(FORMAT, caller.tenantSlug(), docs);
    }

    private TransferDtos.PromptDoc exportOne(Prompt prompt) {
        List<TransferDtos.VersionDoc> vs = new ArrayList<>();
        for (PromptVersion v : versions.all(prompt.id)) {
            vs.add(new TransferDtos.VersionDoc(v.version, v.status, v.type, v.template, messages(v), v.variablesSchema, v.config,
                    v.commitMessage));
        }
        Map<String, TransferDtos.LabelDoc> ls = new LinkedHashMap<>();
        for (Label label : labels.of(prompt.id)) {
            ls.put(label.name, new TransferDtos.LabelDoc(label.version, label.isProtected));
        }
        return new TransferDtos.PromptDoc(prompt.name, prompt.description, List.copyOf(prompt.tags), prompt.visibility, vs, ls);
    }

    /** Plans the import, and applies it when {@code apply} and nothing conflicts. */
    @Transactional
    public TransferDtos.Plan importDocument(Caller caller, TransferDtos.Document document, boolean apply) {
        checks.check(caller, document);
        List<TransferDtos.Change> plan = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (TransferDtos.PromptDoc doc : document.prompts()) {
            if (doc == null || doc.name() == null) {
                plan.add(new TransferDtos.Change(null, "conflict", List.of("a prompt without a name")));
                continue;
            }
            if (!seen.add(doc.name())) {
                plan.add(new TransferDtos.Change(doc.name(), "conflict", List.of("the document names this prompt twice")));
                continue;
            }
            plan.add(planOne(caller, doc));
        }
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (String action : List.of("create", "update", "unchanged", "conflict")) {
            summary.put(action, (int) plan.stream().filter(c -> action.equals(c.action())).count());
        }
        boolean conflicts = summary.get("conflict") > 0;
        if (apply && conflicts) {
            throw new ApiException(409, "IMPORT_CONFLICTS", "The import has conflicts; nothing was written",
                    Map.of("plan", new TransferDtos.Plan(false, false, summary, plan)));
        }
        if (apply) {
            for (TransferDtos.PromptDoc doc : document.prompts()) {
                try {
                    applyOne(caller, doc);
                } catch (ApiException e) {
                    // The whole import rolls back; the caller hears which prompt stopped it.
                    throw naming(doc.name(), e);
                }
            }
        }
        return new TransferDtos.Plan(!apply, apply, summary, plan);
    }

    private TransferDtos.Change planOne(Caller caller, TransferDtos.PromptDoc doc) {
        List<String> details = new ArrayList<>();
        String nameProblem = PromptNames.problem(doc.name());
        if (nameProblem != null) {
            return new TransferDtos.Change(doc.name(), "conflict", List.of("name " + nameProblem));
        }
        if (doc.visibility() != null && !List.of(Prompt.PRIVATE, Prompt.TENANT, Prompt.PUBLIC).contains(doc.visibility())) {
            return new TransferDtos.Change(doc.name(), "conflict", List.of("visibility must be private, tenant or public"));
        }
        Optional<Prompt> existing = promptRepository.findByName(caller.tenant(), doc.name());
        if (existing.isPresent() && existing.get().deletedAt != null) {
            return new TransferDtos.Change(doc.name(), "conflict", List.of("a deleted prompt has this name; restore it first"));
        }
        Map<Integer, PromptVersion> current = new LinkedHashMap<>();
        existing.ifPresent(p -> versions.all(p.id).forEach(v -> current.put(v.version, v)));
        boolean conflict = false;
        for (TransferDtos.VersionDoc v : list(doc.versions())) {
            if (v == null || v.version() == null || v.version() < 1) {
                details.add("a version without a valid number");
                conflict = true;
                continue;
            }
            PromptVersion there = current.get(v.version());
            if (there == null) {
                details.add("version " + v.version() + ": create" + (published(v) ? " and publish" : ""));
            } else if (!sameContent(there, v)) {
                if (there.published()) {
                    details.add("version " + v.version() + ": differs from the published version here");
                    conflict = true;
                } else {
                    details.add("version " + v.version() + ": update draft" + (published(v) ? " and publish" : ""));
                }
            } else if (published(v) && !there.published()) {
                details.add("version " + v.version() + ": publish");
            } else if (!published(v) && there.published()) {
                details.add("version " + v.version() + ": published here, a draft in the document (left published)");
            }
        }
        Map<String, Label> currentLabels = new LinkedHashMap<>();
        existing.ifPresent(p -> labels.of(p.id).forEach(l -> currentLabels.put(l.name, l)));
        for (Map.Entry<String, TransferDtos.LabelDoc> entry : map(doc.labels()).entrySet()) {
            Label there = currentLabels.get(entry.getKey());
            Integer wanted = entry.getValue() == null ? null : entry.getValue().version();
            if (wanted == null) {
                details.add("label " + entry.getKey() + ": no version");
                conflict = true;
            } else if (!publishedAfter(current, doc).contains(wanted)) {
                details.add("label " + entry.getKey() + ": version " + wanted + " would not be a published version");
                conflict = true;
            } else if (there == null || there.version != wanted) {
                if (there != null && there.isProtected && !caller.has(Roles.ADMIN)) {
                    details.add("label " + entry.getKey() + ": protected, only admins move it");
                    conflict = true;
                } else {
                    details.add("label " + entry.getKey() + ": " + (there == null ? "set to " : "move " + there.version + " → ") + wanted);
                }
            }
        }
        if (existing.isPresent()) {
            Prompt p = existing.get();
            if (doc.description() != null && !doc.description().equals(p.description)) {
                details.add("description changes");
            }
            if (doc.tags() != null && !doc.tags().equals(p.tags)) {
                details.add("tags change");
            }
            if (doc.visibility() != null && !doc.visibility().equals(p.visibility)) {
                details.add("visibility " + p.visibility + " → " + doc.visibility());
            }
        }
        String action = conflict ? "conflict" : existing.isEmpty() ? "create" : details.isEmpty() ? "unchanged" : "update";
        return new TransferDtos.Change(doc.name(), action, details);
    }

    private void applyOne(Caller caller, TransferDtos.PromptDoc doc) {
        UUID tenantId = caller.tenant();
        Prompt prompt = promptRepository.findByName(tenantId, doc.name()).orElse(null);
        if (prompt == null) {
            prompt = prompts.create(caller, new PromptDtos.CreatePrompt(doc.name(), doc.description(), doc.tags(), doc.visibility()));
        } else if (doc.description() != null || doc.tags() != null || doc.visibility() != null) {
            prompts.update(caller, doc.name(), new PromptDtos.UpdatePrompt(doc.description(), doc.tags(), doc.visibility()));
        }
        prompt = promptRepository.lock(prompt.id);
        for (TransferDtos.VersionDoc v : list(doc.versions())) {
            PromptVersion there = versions.find(prompt.id, v.version()).orElse(null);
            VersionDtos.CreateVersion content = new VersionDtos.CreateVersion(v.type(), v.template(), v.messages(),
                    v.variablesSchema(), v.config(), v.commitMessage());
            if (there == null) {
                versionService.importVersion(caller, prompt, v.version(), content, published(v));
            } else if (!there.published()) {
                if (!sameContent(there, v)) {
                    versionService.update(caller, doc.name(), v.version(), new VersionDtos.UpdateVersion(v.type(),
                            v.template(), v.messages(), v.variablesSchema(), v.config(), v.commitMessage()));
                }
                if (published(v)) {
                    versionService.publish(caller, doc.name(), v.version());
                }
            }
        }
        for (Map.Entry<String, TransferDtos.LabelDoc> entry : map(doc.labels()).entrySet()) {
            Label there = labels.find(prompt.id, entry.getKey()).orElse(null);
            if (there == null || there.version != entry.getValue().version()) {
                labelService.move(caller, doc.name(), entry.getKey(), entry.getValue().version(), "import");
            }
            if (Boolean.TRUE.equals(entry.getValue().isProtected()) && caller.has(Roles.ADMIN)) {
                labelService.protect(caller, doc.name(), entry.getKey(), true);
            }
        }
        changes.fire(PromptChange.imported(prompt, caller));
    }

    /** The numbers published once the document is applied: those published here and those it publishes. */
    private static java.util.Set<Integer> publishedAfter(Map<Integer, PromptVersion> current, TransferDtos.PromptDoc doc) {
        java.util.Set<Integer> numbers = new java.util.HashSet<>();
        current.values().stream().filter(PromptVersion::published).forEach(v -> numbers.add(v.version));
        list(doc.versions()).stream().filter(v -> v != null && published(v)).forEach(v -> numbers.add(v.version()));
        return numbers;
    }

    private static ApiException naming(String prompt, ApiException e) {
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        details.put("prompt", prompt);
        return new ApiException(e.status(), e.code(), "Prompt '" + prompt + "': " + e.getMessage() + "; nothing was imported", details);
    }

    private static boolean sameContent(PromptVersion there, TransferDtos.VersionDoc v) {
        return Objects.equals(there.type, v.type()) && Objects.equals(there.template, v.template())
                && Objects.equals(there.messages, toMaps(v.messages()))
                && Objects.equals(normalize(there.variablesSchema), normalize(v.variablesSchema()))
                && Objects.equals(normalize(there.config), normalize(v.config()));
    }

    private static Object normalize(Map<String, Object> value) {
        return value == null || value.isEmpty() ? null : new java.util.TreeMap<>(value);
    }

    private static List<Map<String, String>> toMaps(List<VersionDtos.Message> messages) {
        if (messages == null) {
            return null;
        }
        List<Map<String, String>> list = new ArrayList<>();
        for (VersionDtos.Message m : messages) {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content());
            list.add(map);
        }
        return list;
    }

    private static List<VersionDtos.Message> messages(PromptVersion v) {
        return v.messages == null ? null : v.messages.stream().map(m -> new VersionDtos.Message(m.get("role"), m.get("content"))).toList();
    }

    private static boolean published(TransferDtos.VersionDoc v) {
        return PromptVersion.PUBLISHED.equals(v.status());
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
