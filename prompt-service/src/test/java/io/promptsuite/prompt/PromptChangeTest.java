package io.promptsuite.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.promptsuite.common.security.Caller;

/** What each kind of change records in the audit trail and announces, without a server. */
class PromptChangeTest {

    private static final Caller EDITOR = new Caller("u-1", UUID.randomUUID().toString(), "acme", List.of("editor"), Set.of(),
            null, Caller.Via.TOKEN, null);

    private static Prompt prompt() {
        Prompt prompt = new Prompt();
        prompt.id = UUID.randomUUID();
        prompt.tenantId = UUID.fromString(EDITOR.tenantId());
        prompt.name = "team/summarize";
        prompt.visibility = Prompt.TENANT;
        return prompt;
    }

    @Test
    void aChangeNamesThePromptAndWhoMadeIt() {
        Prompt prompt = prompt();
        PromptChange change = PromptChange.created(prompt, EDITOR);
        assertEquals(prompt.id, change.promptId());
        assertEquals(prompt.tenantId, change.tenantId());
        assertEquals("team/summarize", change.name());
        assertEquals("u-1", change.actorId());
        assertEquals(Map.of("visibility", "tenant"), change.details());
        assertEquals("created", change.kind().auditAction());
        assertEquals("prompt.created", change.kind().announcedAs());
    }

    @Test
    void aLabelMoveKeepsWhereItCameFromInTheAuditDetails() {
        PromptChange first = PromptChange.labelMoved(prompt(), "production", null, 3, null, EDITOR);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", null);
        details.put("to", 3);
        assertEquals(details, first.details());
        assertEquals(3, first.version());
        assertNull(first.fromVersion());
        PromptChange back = PromptChange.labelMoved(prompt(), "production", 3, 2, "rollback", EDITOR);
        assertEquals(Map.of("from", 3, "to", 2, "reason", "rollback"), back.details());
        assertEquals(List.of("from", "to", "reason"), List.copyOf(back.details().keySet()));
        assertEquals(3, back.fromVersion());
        assertEquals(2, back.auditedVersion());
    }

    @Test
    void aRemovedLabelIsAuditedWithTheVersionItPointedAtAndAnnouncedAsFrom() {
        PromptChange removed = PromptChange.labelRemoved(prompt(), "staging", 4, EDITOR);
        assertNull(removed.version());
        assertEquals(4, removed.fromVersion());
        assertEquals(4, removed.auditedVersion());
        assertEquals("label.removed", removed.kind().auditAction());
    }

    @Test
    void protectingAndUnprotectingAreKindsOfTheirOwn() {
        assertEquals("label.protected", PromptChange.labelProtected(prompt(), "production", 2, true, EDITOR).kind().announcedAs());
        assertEquals("label.unprotected",
                PromptChange.labelProtected(prompt(), "production", 2, false, EDITOR).kind().auditAction());
    }

    @Test
    void draftChangesAreAuditedButNotAnnouncedAndAnImportIsAnnouncedButNotAudited() {
        for (PromptChange draft : List.of(PromptChange.versionCreated(prompt(), 1, EDITOR),
                PromptChange.versionUpdated(prompt(), 1, EDITOR), PromptChange.versionDeleted(prompt(), 1, EDITOR),
                PromptChange.versionImported(prompt(), 1, EDITOR))) {
            assertNull(draft.kind().announcedAs(), draft.kind().name());
            assertEquals(1, draft.auditedVersion());
        }
        PromptChange imported = PromptChange.imported(prompt(), EDITOR);
        assertNull(imported.kind().auditAction());
        assertEquals("prompt.imported", imported.kind().announcedAs());
        assertEquals("version.published", PromptChange.versionPublished(prompt(), 2, EDITOR).kind().announcedAs());
    }
}
