package io.promptsuite.prompt;

import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may see and change a prompt, in one place for every feature. A prompt the caller may not read is simply not
 * found, whatever the reason (another tenant's, deleted, private to a viewer), so its existence never leaks.
 */
@ApplicationScoped
public class PromptAccess {

    @Inject
    PromptRepository prompts;

    /** The caller's own live prompt, as the caller may see it. Needs a transaction. */
    public Prompt visible(Caller caller, String name) {
        Prompt prompt = prompts.findLiveByName(caller.tenant(), name).orElseThrow(() -> notFound(name));
        if (!mayRead(caller, prompt)) {
            throw notFound(name);
        }
        return prompt;
    }

    /**
     * Like {@link #visible} but locked for a change, and with the prompt's own write rule applied. The checks run
     * again on the locked row: a writer that waited for the lock may find the prompt deleted by the one before it.
     */
    public Prompt forChange(Caller caller, String name) {
        Prompt prompt = visible(caller, name);
        if (!caller.has(Roles.EDITOR)) {
            throw ApiException.forbidden("Changing prompts needs the editor role");
        }
        return liveLocked(caller, prompt.id, name);
    }

    /** The prompt locked and re-read; not found when it was deleted (or hidden) while this writer waited. */
    public Prompt liveLocked(Caller caller, UUID id, String name) {
        Prompt locked = prompts.lock(id);
        if (locked == null || locked.deletedAt != null || !mayRead(caller, locked)) {
            throw notFound(name);
        }
        return locked;
    }

    public boolean mayRead(Caller caller, Prompt prompt) {
        return mayRead(caller, prompt.tenantId, prompt.visibility);
    }

    /** The read rule on its own, for what the caches hold about a prompt rather than the entity. */
    public boolean mayRead(Caller caller, UUID tenantId, String visibility) {
        if (!tenantId.toString().equals(caller.tenantId())) {
            return Prompt.PUBLIC.equals(visibility);
        }
        return !Prompt.PRIVATE.equals(visibility) || caller.has(Roles.EDITOR);
    }

    public void requireAdmin(Caller caller, String what) {
        if (!caller.has(Roles.ADMIN)) {
            throw ApiException.forbidden(what + " needs the admin role");
        }
    }

    public ApiException notFound(String name) {
        return ApiException.notFound("PROMPT_NOT_FOUND", "No prompt named '" + name + "'");
    }
}
