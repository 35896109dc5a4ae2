package io.promptsuite.prompt.render;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.Prompt;
import io.promptsuite.prompt.PromptAccess;
import io.promptsuite.prompt.PromptNames;
import io.promptsuite.prompt.PromptRepository;
import io.promptsuite.prompt.cache.PromptHead;
import io.promptsuite.prompt.cache.PromptHeadCache;
import io.promptsuite.prompt.cache.PublishedVersions;
import io.promptsuite.prompt.template.NotInMemory;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.PublishedVersion;
import io.promptsuite.prompt.version.VersionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Name + label (or version) → the version to serve, with the visibility rules applied. The hot path: with warm caches it
 * touches neither PostgreSQL nor Redis.
 */
@ApplicationScoped
public class Resolver {

    @Inject
    PromptHeadCache heads;

    @Inject
    PublishedVersions published;

    @Inject
    VersionRepository versions;

    @Inject
    PromptRepository prompts;

    @Inject
    PromptAccess access;

    /** Tenant slug → id, for public prompts of other tenants. Slugs never change owner. */
    private final Cache<String, Optional<UUID>> tenantsBySlug = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();

    public RenderTarget resolve(Caller caller, String name, String owner, String label, Integer version) {
        return resolve(caller, name, owner, label, version, false);
    }

    /** With {@code memoryOnly}, anything not already in memory raises {@link NotInMemory} instead of being read. */
    public RenderTarget resolve(Caller caller, String name, String owner, String label, Integer version, boolean memoryOnly) {
        if (label != null && version != null) {
            throw ApiException.badRequest("LABEL_AND_VERSION", "Give a label or a version, not both");
        }
        boolean own = owner == null || owner.equals(caller.tenantSlug());
        if (memoryOnly && !own) {
            throw NotInMemory.INSTANCE;
        }
        PromptHead head = own ? ownHead(caller, name, memoryOnly) : publicHead(owner, name);
        if (version != null) {
            if (memoryOnly) {
                PublishedVersion cached = published.peek(head.promptId(), version);
                if (cached == null) {
                    throw NotInMemory.INSTANCE;
                }
                return new RenderTarget(head.tenantId(), name, null, cached, null);
            }
            Optional<PublishedVersion> v = published.get(head.promptId(), version);
            if (v.isPresent()) {
                return new RenderTarget(head.tenantId(), name, null, v.get(), null);
            }
            if (own && caller.has(Roles.EDITOR)) {
                PromptVersion draft = QuarkusTransaction.requiringNew().call(() -> versions.find(head.promptId(), version).orElse(null));
                if (draft != null) {
                    return new RenderTarget(head.tenantId(), name, null, null, draft);
                }
            }
            throw ApiException.notFound("VERSION_NOT_FOUND", "Prompt '" + name + "' has no version " + version);
        }
        String wanted = label == null ? PromptNames.PRODUCTION : label;
        Integer number = head.resolve(wanted);
        if (number == null) {
            throw ApiException.notFound("LABEL_NOT_FOUND", "Prompt '" + name + "' has no label '" + wanted + "'");
        }
        PublishedVersion cached = memoryOnly ? published.peek(head.promptId(), number) : null;
        if (memoryOnly && cached == null) {
            throw NotInMemory.INSTANCE;
        }
        PublishedVersion v = cached != null ? cached : published.get(head.promptId(), number)
                .orElseThrow(() -> ApiException.notFound("VERSION_NOT_FOUND", "Prompt '" + name + "' has no version " + number));
        return new RenderTarget(head.tenantId(), name, wanted, v, null);
    }

    private PromptHead ownHead(Caller caller, String name, boolean memoryOnly) {
        UUID tenantId = caller.tenant();
        PromptHead head;
        if (memoryOnly) {
            head = heads.peek(tenantId, name);
            if (head == null) {
                throw NotInMemory.INSTANCE;
            }
        } else {
            head = heads.get(tenantId, name).orElseThrow(() -> access.notFound(name));
        }
        if (Prompt.PRIVATE.equals(head.visibility()) && !caller.has(Roles.EDITOR)) {
            throw access.notFound(name);
        }
        return head;
    }

    private PromptHead publicHead(String owner, String name) {
        Optional<UUID> known = tenantsBySlug.getIfPresent(owner);
        if (known == null) {
            known = QuarkusTransaction.requiringNew().call(
                    () -> prompts.find("tenantSlug", owner).firstResultOptional().map(p -> p.tenantId));
            known.ifPresent(id -> tenantsBySlug.put(owner, Optional.of(id)));
        }
        UUID tenantId = known.orElseThrow(() -> access.notFound(name));
        PromptHead head = heads.get(tenantId, name).orElseThrow(() -> access.notFound(name));
        if (!Prompt.PUBLIC.equals(head.visibility())) {
            throw access.notFound(name);
        }
        return head;
    }
}
