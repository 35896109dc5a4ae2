package io.promptsuite.prompt;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.common.security.Caller;

/**
 * One change to a prompt, fired once by the service method that made it, inside its transaction. The audit trail
 * observes it in that transaction (a change that can't be audited doesn't happen); the change bus observes it once
 * the transaction committed, refreshes the caches and announces it to every instance and feed subscriber.
 *
 * @param version     the version the change is about (published, created, the one a label now points at)
 * @param fromVersion the version a label pointed at before it moved or was removed
 * @param details     what the audit trail keeps beyond the columns; never announced
 */
public record PromptChange(Kind kind, UUID promptId, UUID tenantId, String name, Integer version, String label,
        Integer fromVersion, String actorId, Instant at, Map<String, Object> details) {

    /** What happened; its audit action and, for what subscribers hear about, the type on the feed. */
    public enum Kind {
        PROMPT_CREATED("prompt.created", "created"),
        PROMPT_UPDATED("prompt.updated", "updated"),
        PROMPT_DELETED("prompt.deleted", "deleted"),
        PROMPT_RESTORED("prompt.restored", "restored"),
        /** An import finished with this prompt; each of its steps was a change of its own. */
        PROMPT_IMPORTED("prompt.imported", null),
        VERSION_CREATED(null, "version.created"),
        VERSION_IMPORTED(null, "version.imported"),
        VERSION_UPDATED(null, "version.updated"),
        VERSION_DELETED(null, "version.deleted"),
        VERSION_PUBLISHED("version.published", "version.published"),
        LABEL_MOVED("label.moved", "label.moved"),
        LABEL_PROTECTED("label.protected", "label.protected"),
        LABEL_UNPROTECTED("label.unprotected", "label.unprotected"),
        LABEL_REMOVED("label.removed", "label.removed");

        private final String announcedAs;
        private final String auditAction;

        Kind(String announcedAs, String auditAction) {
            this.announcedAs = announcedAs;
            this.auditAction = auditAction;
        }

        /** The event type on the feed; null for changes only drafts see, which readers and caches don't care about. */
        public String announcedAs() {
            return announcedAs;
        }

        /** The action in the audit trail; null for what is not audited on its own. */
        public String auditAction() {
            return auditAction;
        }
    }

    public static PromptChange created(Prompt prompt, Caller actor) {
        return of(Kind.PROMPT_CREATED, prompt, null, null, null, actor, Map.of("visibility", prompt.visibility));
    }

    /** @param changed each changed field and what it became, as the audit trail keeps it */
    public static PromptChange updated(Prompt prompt, Caller actor, Map<String, Object> changed) {
        return of(Kind.PROMPT_UPDATED, prompt, null, null, null, actor, changed);
    }

    public static PromptChange deleted(Prompt prompt, Caller actor) {
        return of(Kind.PROMPT_DELETED, prompt, null, null, null, actor, null);
    }

    public static PromptChange restored(Prompt prompt, Caller actor) {
        return of(Kind.PROMPT_RESTORED, prompt, null, null, null, actor, null);
    }

    public static PromptChange imported(Prompt prompt, Caller actor) {
        return of(Kind.PROMPT_IMPORTED, prompt, null, null, null, actor, null);
    }

    public static PromptChange versionCreated(Prompt prompt, int version, Caller actor) {
        return of(Kind.VERSION_CREATED, prompt, version, null, null, actor, null);
    }

    public static PromptChange versionImported(Prompt prompt, int version, Caller actor) {
        return of(Kind.VERSION_IMPORTED, prompt, version, null, null, actor, null);
    }

    public static PromptChange versionUpdated(Prompt prompt, int version, Caller actor) {
        return of(Kind.VERSION_UPDATED, prompt, version, null, null, actor, null);
    }

    public static PromptChange versionDeleted(Prompt prompt, int version, Caller actor) {
        return of(Kind.VERSION_DELETED, prompt, version, null, null, actor, null);
    }

    public static PromptChange versionPublished(Prompt prompt, int version, Caller actor) {
        return of(Kind.VERSION_PUBLISHED, prompt, version, null, null, actor, null);
    }

    /** @param from the version the label pointed at before, null when it is new */
    public static PromptChange labelMoved(Prompt prompt, String label, Integer from, int to, String reason, Caller actor) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("from", from);
        details.put("to", to);
        if (reason != null) {
            details.put("reason", reason);
        }
        return of(Kind.LABEL_MOVED, prompt, to, label, from, actor, details);
    }

    public static PromptChange labelProtected(Prompt prompt, String label, int version, boolean protect, Caller actor) {
        return of(protect ? Kind.LABEL_PROTECTED : Kind.LABEL_UNPROTECTED, prompt, version, label, null, actor, null);
    }

    /** @param version the version the label pointed at until now */
    public static PromptChange labelRemoved(Prompt prompt, String label, int version, Caller actor) {
        return of(Kind.LABEL_REMOVED, prompt, null, label, version, actor, null);
    }

    /** The version the audit row names: for a removed label, the one it pointed at. */
    public Integer auditedVersion() {
        return kind == Kind.LABEL_REMOVED ? fromVersion : version;
    }

    private static PromptChange of(Kind kind, Prompt prompt, Integer version, String label, Integer fromVersion, Caller actor,
            Map<String, Object> details) {
        return new PromptChange(kind, prompt.id, prompt.tenantId, prompt.name, version, label, fromVersion, actor.userId(),
                Instant.now(), details);
    }
}
