package io.promptsuite.prompt.catalog;

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
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptAccess;
import io.promptsuite.prompt.PromptChange;
import io.promptsuite.prompt.PromptNames;
import io.promptsuite.prompt.PromptRepository;
import io.promptsuite.prompt.cache.PromptHeadCache;
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
    PromptAccess access;

    @Inject
    PromptHeadCache heads;

    @Inject
    Event<PromptChange> changes;

    @Inject
    EntityManager em;

    @Transactional
    public Prompt create(Caller caller, PromptDtos.CreatePrompt body) {
        PromptNames.check(body.name());
        UUID tenantId = caller.tenant();
        prompts.findByName(tenantId, body.name()).ifPresent(existing -> {
            throw existing.deletedAt == null
                    ? ApiException.conflict("PROMPT_EXISTS", "A prompt named '" + body.name() + "' already exists")
                    : ApiException.conflict("PROMPT_DELETED", "A deleted prompt has this name; restore it or choose another name");
        });
        requireOwnSlug(tenantId, caller.tenantSlug());
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
        changes.fire(PromptChange.created(prompt, caller));
        return prompt;
    }

    /**
     * A slug names one tenant: readers find public prompts by owner slug. auth-service can't issue a slug of another
     * tenant, but an external issuer's mappers can be misconfigured (a user attribute overriding the group's); such a
     * token must not publish prompts under another tenant's name.
     */
    private void requireOwnSlug(UUID tenantId, String slug) {
        if (prompts.count("tenantSlug = ?1 and tenantId <> ?2", slug, tenantId) > 0) {
            throw new ApiException(403, "TENANT_SLUG_TAKEN",
                    "The tenant slug '" + slug + "' in the access token belongs to another tenant");
        }
    }

    @Transactional
    public Prompt update(Caller caller, String name, PromptDtos.UpdatePrompt body) {
        Prompt prompt = access.forChange(caller, name);
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
            changes.fire(PromptChange.updated(prompt, caller, changed));
        }
        return prompt;
    }

    @Transactional
    public void delete(Caller caller, String name) {
        access.requireAdmin(caller, "Deleting prompts");
        Prompt prompt = access.liveLocked(caller, access.visible(caller, name).id, name);
        prompt.deletedAt = OffsetDateTime.now(ZoneOffset.UTC);
        prompt.updatedAt = prompt.deletedAt;
        changes.fire(PromptChange.deleted(prompt, caller));
    }

    @Transactional
    public Prompt restore(Caller caller, String name) {
        access.requireAdmin(caller, "Restoring prompts");
        Prompt prompt = prompts.findByName(caller.tenant(), name).orElseThrow(() -> access.notFound(name));
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
        changes.fire(PromptChange.restored(prompt, caller));
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

    /** The prompt as the API shows it, with its labels and newest published version as the heads work them out. */
    @Transactional
    public PromptDtos.PromptView view(Prompt prompt) {
        return PromptDtos.PromptView.of(prompt, heads.headOf(prompt));
    }
}
