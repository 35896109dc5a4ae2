package io.promptsuite.prompt.catalog;

import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptNames;
import io.promptsuite.prompt.PromptRepository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.audit.PromptAudit;
import io.promptsuite.prompt.cache.ChangeNotice;
import io.promptsuite.prompt.label.Label;
import io.promptsuite.prompt.label.LabelRepository;
import io.promptsuite.prompt.version.VersionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Prompts of a tenant: the named containers of versions and labels. */
@ApplicationScoped
public class PromptService {

    @Inject
    PromptRepository prompts;

    @Inject
    VersionRepository versions;

    @Inject
    LabelRepository labels;

    @Inject
    PromptAudit audit;

    @Inject
    Event<ChangeNotice> changes;

    @Inject
    EntityManager em;

    /**
     * The caller's own live prompt, as the caller may see it: another tenant's prompt, a deleted one, and a private
     * one asked for by a viewer are all simply not found.
     */
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
    private Prompt liveLocked(Caller caller, UUID id, String name) {
        Prompt locked = prompts.lock(id);
        if (locked == null || locked.deletedAt != null || !mayRead(caller, locked)) {
            throw notFound(name);
        }
        return locked;
    }

    /** Another tenant's live public prompt, by the tenant's slug. */
    @Transactional
    public java.util.Optional<Prompt> publicPrompt(String tenantSlug, String name) {
        return prompts.findPublic(tenantSlug, name);
    }

    public static boolean mayRead(Caller caller, Prompt prompt) {
        if (!prompt.tenantId.toString().equals(caller.tenantId())) {
            return Prompt.PUBLIC.equals(prompt.visibility);
        }
        return !Prompt.PRIVATE.equals(prompt.visibility) || caller.has(Roles.EDITOR);
    }

    public static ApiException notFound(String name) {
        return ApiException.notFound("PROMPT_NOT_FOUND", "No prompt named '" + name + "'");
    }

    @Transactional
    public Prompt create(Caller caller, PromptDtos.CreatePrompt body) {
        PromptNames.check(body.name());
        UUID tenantId = caller.tenant();
        prompts.findByName(tenantId, body.name()).ifPresent(existing -> {
            throw existing.deletedAt == null
                    ? ApiException.conflict("PROMPT_EXISTS", "A prompt named '" + body.name() + "' already exists")
                    : ApiException.conflict("PROMPT_DELETED", "A deleted prompt has this name; restore it or choose another name");
        });
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Prompt prompt = new Prompt();
        prompt.id = UUID.randomUUID();
        prompt.tenantId = tenantId;
        prompt.tenantSlug = caller.tenantSlug();
        prompt.name = body.name();
        prompt.description = body.description();
        prompt.tags = body.tags() == null ? new ArrayList<>() : new ArrayList<>(body.tags().stream().distinct().toList());
        prompt.visibility = body.visibility() == null ? Prompt.TENANT : body.visibility();
        prompt.createdBy = caller.userId();
        prompt.createdAt = now;
        prompt.updatedAt = now;
        prompts.persist(prompt);
        audit.record(prompt, "created", null, null, caller, Map.of("visibility", prompt.visibility));
        changes.fire(change("prompt.created", prompt, caller));
        return prompt;
    }

    @Transactional
    public Prompt update(Caller caller, String name, PromptDtos.UpdatePrompt body) {
        Prompt prompt = forChange(caller, name);
        Map<String, Object> changed = new LinkedHashMap<>();
        if (body.description() != null) {
            prompt.description = body.description();
            changed.put("description", true);
        }
        if (body.tags() != null) {
            prompt.tags = new ArrayList<>(body.tags().stream().distinct().toList());
            changed.put("tags", prompt.tags);
        }
        if (body.visibility() != null && !body.visibility().equals(prompt.visibility)) {
            changed.put("visibility", Map.of("from", prompt.visibility, "to", body.visibility()));
            prompt.visibility = body.visibility();
        }
        if (!changed.isEmpty()) {
            prompt.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            audit.record(prompt, "updated", null, null, caller, changed);
            changes.fire(change("prompt.updated", prompt, caller));
        }
        return prompt;
    }

    @Transactional
    public void delete(Caller caller, String name) {
        requireAdmin(caller, "Deleting prompts");
        Prompt prompt = liveLocked(caller, visible(caller, name).id, name);
        prompt.deletedAt = OffsetDateTime.now(ZoneOffset.UTC);
        prompt.updatedAt = prompt.deletedAt;
        audit.record(prompt, "deleted", null, null, caller, null);
        changes.fire(change("prompt.deleted", prompt, caller));
    }

    @Transactional
    public Prompt restore(Caller caller, String name) {
        requireAdmin(caller, "Restoring prompts");
        Prompt prompt = prompts.findByName(caller.tenant(), name).orElseThrow(() -> notFound(name));
        if (prompt.deletedAt == null) {
            throw ApiException.conflict("PROMPT_NOT_DELETED", "The prompt '" + name + "' is not deleted");
        }
        prompt = prompts.lock(prompt.id);
        if (prompt.deletedAt == null) {
            // Restored by someone else while this request waited for the lock.
            throw ApiException.conflict("PROMPT_NOT_DELETED", "The prompt '" + name + "' is not deleted");
        }
        prompt.deletedAt = null;
        prompt.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        audit.record(prompt, "restored", null, null, caller, null);
        changes.fire(change("prompt.restored", prompt, caller));
        return prompt;
    }

    /** Own prompts by name prefix and tag, or every tenant's public ones; stable order by name. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page<Prompt> list(Caller caller, String prefix, String tag, boolean publicScope, boolean deleted, PageParams page) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        if (publicScope) {
            where.append("visibility = 'public' AND deleted_at IS NULL");
        } else {
            where.append("tenant_id = :tenant AND deleted_at IS ").append(deleted ? "NOT NULL" : "NULL");
            params.put("tenant", caller.tenant());
            if (!caller.has(Roles.EDITOR)) {
                where.append(" AND visibility <> 'private'");
            }
        }
        if (prefix != null && !prefix.isEmpty()) {
            where.append(" AND name LIKE :prefix ESCAPE '\\'");
            params.put("prefix", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (tag != null && !tag.isEmpty()) {
            where.append(" AND jsonb_exists(tags, :tag)");
            params.put("tag", tag);
        }
        var select = em.createNativeQuery("SELECT * FROM prompts WHERE " + where + " ORDER BY name, id LIMIT :limit OFFSET :offset",
                Prompt.class);
        var count = em.createNativeQuery("SELECT count(*) FROM prompts WHERE " + where);
        params.forEach((k, v) -> {
            select.setParameter(k, v);
            count.setParameter(k, v);
        });
        select.setParameter("limit", page.size).setParameter("offset", page.offset());
        List<Prompt> items = select.getResultList();
        return new Page<>(items, page.page, page.size, ((Number) count.getSingleResult()).longValue());
    }

    @Transactional
    public PromptDtos.PromptView view(Prompt prompt) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (Label label : labels.of(prompt.id)) {
            map.put(label.name, label.version);
        }
        return new PromptDtos.PromptView(prompt.id.toString(), prompt.name, prompt.tenantSlug, prompt.description,
                List.copyOf(prompt.tags), prompt.visibility, map, versions.latestPublished(prompt.id).orElse(null),
                prompt.createdBy, prompt.createdAt, prompt.updatedAt, prompt.deletedAt);
    }

    public static void requireAdmin(Caller caller, String what) {
        if (!caller.has(Roles.ADMIN)) {
            throw ApiException.forbidden(what + " needs the admin role");
        }
    }

    public static ChangeNotice change(String type, Prompt prompt, Caller caller) {
        return new ChangeNotice(type, prompt.tenantId, prompt.name, null, null, null, caller.userId(), Instant.now(), null);
    }
}
