package io.promptsuite.prompt.transfer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.security.Caller;
import io.promptsuite.prompt.PromptNames;
import io.promptsuite.prompt.catalog.PromptDtos;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.VersionDtos;
import io.promptsuite.prompt.version.VersionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * An import document is checked as a whole before anything is planned or written, with the same rules the API applies
 * to the same fields: the prompt's create body (name, description, tags, visibility) through the very same bean
 * constraints, every version through the checks a version create runs, version numbers within
 * 1..{@value PromptVersion#MAX_NUMBER}, statuses, label names and their versions. The first bad prompt answers 400
 * {@code INVALID_IMPORT} naming it and every bad field of it (as a path into the document).
 */
@ApplicationScoped
public class ImportChecks {

    /** Beyond these an import is a bulk load, not a transfer of a tenant's prompts. */
    static final int MAX_PROMPTS = 1000;
    static final int MAX_VERSIONS_PER_PROMPT = 1000;
    static final int MAX_LABELS_PER_PROMPT = 100;

    @Inject
    Validator validator;

    @Inject
    VersionService versions;

    public void check(Caller caller, TransferDtos.Document document) {
        if (document == null || document.prompts() == null) {
            throw ApiException.badRequest("INVALID_IMPORT", "The document needs a 'prompts' list");
        }
        if (document.formatVersion() != null && document.formatVersion() != TransferService.FORMAT) {
            throw refused(null, List.of(new FieldError("format_version", "must be " + TransferService.FORMAT)));
        }
        if (document.prompts().size() > MAX_PROMPTS) {
            throw refused(null, List.of(new FieldError("prompts", "at most " + MAX_PROMPTS + " prompts per import")));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < document.prompts().size(); i++) {
            TransferDtos.PromptDoc doc = document.prompts().get(i);
            String at = "prompts[" + i + "]";
            List<FieldError> problems = doc == null ? List.of(new FieldError(at, "must be a prompt")) : problems(caller, at, doc);
            if (problems.isEmpty() && !names.add(doc.name())) {
                problems = List.of(new FieldError(at + ".name", "names a prompt the document already named"));
            }
            if (!problems.isEmpty()) {
                throw refused(doc == null ? null : doc.name(), problems);
            }
        }
    }

    private List<FieldError> problems(Caller caller, String at, TransferDtos.PromptDoc doc) {
        List<FieldError> problems = new ArrayList<>();
        String nameProblem = PromptNames.problem(doc.name());
        if (nameProblem != null) {
            problems.add(new FieldError(at + ".name", nameProblem));
        }
        violations(at, validator.validate(new PromptDtos.CreatePrompt(doc.name(), doc.description(), doc.tags(), doc.visibility())),
                problems);
        List<TransferDtos.VersionDoc> versionDocs = doc.versions() == null ? List.of() : doc.versions();
        if (versionDocs.size() > MAX_VERSIONS_PER_PROMPT) {
            problems.add(new FieldError(at + ".versions", "at most " + MAX_VERSIONS_PER_PROMPT + " versions per prompt"));
            return problems;
        }
        Set<Integer> numbers = new HashSet<>();
        for (int j = 0; j < versionDocs.size(); j++) {
            versionProblems(caller, at + ".versions[" + j + "]", versionDocs.get(j), numbers, problems);
        }
        Map<String, TransferDtos.LabelDoc> labels = doc.labels() == null ? Map.of() : doc.labels();
        if (labels.size() > MAX_LABELS_PER_PROMPT) {
            problems.add(new FieldError(at + ".labels", "at most " + MAX_LABELS_PER_PROMPT + " labels per prompt"));
            return problems;
        }
        labels.forEach((label, target) -> {
            String field = at + ".labels." + label;
            if (label == null || !PromptNames.LABEL.matcher(label).matches()) {
                problems.add(new FieldError(field, "label names use lower-case letters, digits, '.', '_' and '-' (at most 63)"));
            } else if (PromptNames.LATEST.equals(label)) {
                problems.add(new FieldError(field, "'latest' always means the newest published version and can't be set"));
            } else if (target == null || target.version() == null) {
                problems.add(new FieldError(field + ".version", "is required"));
            } else if (!inRange(target.version())) {
                problems.add(new FieldError(field + ".version", "must be between 1 and " + PromptVersion.MAX_NUMBER));
            }
        });
        return problems;
    }

    private void versionProblems(Caller caller, String at, TransferDtos.VersionDoc v, Set<Integer> numbers, List<FieldError> problems) {
        if (v == null) {
            problems.add(new FieldError(at, "must be a version"));
            return;
        }
        if (v.version() == null) {
            problems.add(new FieldError(at + ".version", "is required"));
        } else if (!inRange(v.version())) {
            problems.add(new FieldError(at + ".version", "must be between 1 and " + PromptVersion.MAX_NUMBER));
        } else if (!numbers.add(v.version())) {
            problems.add(new FieldError(at + ".version", "version " + v.version() + " appears twice"));
        }
        if (v.status() != null && !PromptVersion.DRAFT.equals(v.status()) && !PromptVersion.PUBLISHED.equals(v.status())) {
            problems.add(new FieldError(at + ".status", "must be draft or published"));
        }
        VersionDtos.CreateVersion body = new VersionDtos.CreateVersion(v.type(), v.template(), v.messages(), v.variablesSchema(),
                v.config(), v.commitMessage());
        int before = problems.size();
        violations(at, validator.validate(body), problems);
        if (problems.size() > before) {
            return;
        }
        try {
            versions.checkDraft(caller, body);
        } catch (ApiException e) {
            if (e.details().get("fields") instanceof List<?> fields && !fields.isEmpty()) {
                for (Object field : fields) {
                    if (field instanceof FieldError error) {
                        problems.add(new FieldError(at + "." + error.field(), error.message()));
                    }
                }
            } else {
                problems.add(new FieldError(at, e.getMessage()));
            }
        }
    }

    private static boolean inRange(int number) {
        return number >= 1 && number <= PromptVersion.MAX_NUMBER;
    }

    private static void violations(String at, Set<? extends ConstraintViolation<?>> violations, List<FieldError> problems) {
        violations.stream()
                .map(v -> new FieldError(at + "." + snake(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .forEach(problems::add);
    }

    /** Bean property paths (commitMessage, tags[0].<list element>) as the document spells them (commit_message, tags[0]). */
    static String snake(String path) {
        return path.replace(".<list element>", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static ApiException refused(String prompt, List<FieldError> problems) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (prompt != null) {
            details.put("prompt", prompt);
        }
        details.put("fields", problems);
        FieldError first = problems.get(0);
        String message = (prompt == null ? "" : "Prompt '" + prompt + "': ") + first.field() + " " + first.message()
                + "; nothing was imported";
        return new ApiException(400, "INVALID_IMPORT", message, details);
    }
}
