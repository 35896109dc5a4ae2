package io.promptsuite.prompt.label;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptAccess;
import io.promptsuite.prompt.PromptChange;
import io.promptsuite.prompt.PromptNames;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.VersionRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Labels move atomically (the prompt row is locked for the move), every move is recorded with who, when, from, to and
 * why, and a protected label moves only for admins. Rollback is moving a label back.
 */
@ApplicationScoped
public class LabelService {

    @Inject
    PromptAccess access;

    @Inject
    LabelRepository labels;

    @Inject
    LabelHistoryRepository history;

    @Inject
    VersionRepository versions;

    @Inject
    Event<PromptChange> changes;

    /** A label moved, and whether this move created it. */
    public record Moved(Label label, boolean created) {
    }

    @Transactional
    public Label move(Caller caller, String name, String labelName, int version, String reason) {
        return moveOrCreate(caller, name, labelName, version, reason).label();
    }

    @Transactional
    public Moved moveOrCreate(Caller caller, String name, String labelName, int version, String reason) {
        checkMovable(labelName);
        Prompt prompt = access.forChange(caller, name);
        PromptVersion target = versions.find(prompt.id, version)
                .orElseThrow(() -> ApiException.notFound("VERSION_NOT_FOUND", "Prompt '" + name + "' has no version " + version));
        if (!target.published()) {
            throw ApiException.conflict("VERSION_NOT_PUBLISHED", "Labels point at published versions; version " + version + " is a draft");
        }
        Label label = labels.find(prompt.id, labelName).orElse(null);
        Integer from = label == null ? null : label.version;
        if (label != null && label.isProtected && !caller.has(Roles.ADMIN)) {
            throw new ApiException(403, "LABEL_PROTECTED", "The label '" + labelName + "' is protected; only admins move it");
        }
        boolean created = label == null;
        if (created) {
            label = new Label();
            label.promptId = prompt.id;
            label.name = labelName;
            label.tenantId = prompt.tenantId;
        }
        label.version = version;
        label.updatedBy = caller.userId();
        label.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (created) {
            labels.persist(label);
        }
        record(prompt, labelName, "moved", from, version, reason, caller);
        changes.fire(PromptChange.labelMoved(prompt, labelName, from, version, reason, caller));
        return new Moved(label, created);
    }

    @Transactional
    public Label protect(Caller caller, String name, String labelName, boolean protect) {
        access.requireAdmin(caller, "Protecting labels");
        Prompt prompt = access.forChange(caller, name);
        Label label = existing(prompt, labelName);
        if (label.isProtected != protect) {
            label.isProtected = protect;
            label.updatedBy = caller.userId();
            label.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            String action = protect ? "protected" : "unprotected";
            record(prompt, labelName, action, label.version, label.version, null, caller);
            changes.fire(PromptChange.labelProtected(prompt, labelName, label.version, protect, caller));
        }
        return label;
    }

    @Transactional
    public void remove(Caller caller, String name, String labelName) {
        Prompt prompt = access.forChange(caller, name);
        Label label = existing(prompt, labelName);
        if (label.isProtected && !caller.has(Roles.ADMIN)) {
            throw new ApiException(403, "LABEL_PROTECTED", "The label '" + labelName + "' is protected; only admins remove it");
        }
        labels.delete(label);
        record(prompt, labelName, "removed", label.version, null, null, caller);
        changes.fire(PromptChange.labelRemoved(prompt, labelName, label.version, caller));
    }

    @Transactional
    public Page<Label> list(Caller caller, String name, PageParams page) {
        var query = labels.find("promptId", Sort.by("name"), access.visible(caller, name).id);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    @Transactional
    public Page<LabelHistory> history(Caller caller, String name, String labelName, PageParams page) {
        Prompt prompt = access.visible(caller, name);
        var query = history.find("promptId = ?1 and label = ?2", Sort.by("id").descending(), prompt.id, labelName);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    private Label existing(Prompt prompt, String labelName) {
        return labels.find(prompt.id, labelName)
                .orElseThrow(() -> ApiException.notFound("LABEL_NOT_FOUND", "Prompt '" + prompt.name + "' has no label '" + labelName + "'"));
    }

    private void record(Prompt prompt, String labelName, String action, Integer from, Integer to, String reason, Caller caller) {
        LabelHistory entry = new LabelHistory();
        entry.promptId = prompt.id;
        entry.tenantId = prompt.tenantId;
        entry.label = labelName;
        entry.action = action;
        entry.fromVersion = from;
        entry.toVersion = to;
        entry.reason = reason;
        entry.actorId = caller.userId();
        entry.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        history.persist(entry);
    }

    private static void checkMovable(String labelName) {
        PromptNames.checkLabel(labelName);
        if (PromptNames.LATEST.equals(labelName)) {
            throw ApiException.badRequest("LABEL_RESERVED", "'latest' always means the newest published version and can't be moved");
        }
    }
}
