package io.promptsuite.prompt.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.promptsuite.prompt.cache.PromptHead;
import io.promptsuite.prompt.cache.PromptHeadCache;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.PublishedVersion;
import io.promptsuite.prompt.version.PublishedVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code {{> name@label}}} to the text of the version the label points at now, following partials of
 * partials, and refuses cycles. Uses the same caches as rendering, so a warm render resolves partials without a query.
 */
@ApplicationScoped
public class PartialResolver {

    private static final int MAX_DEPTH = 8;

    /** Reference → template text, and a signature naming the exact versions used (for the compiled-template cache). */
    public record Resolution(Map<String, String> sources, String signature, List<String> problems) {
    }

    @Inject
    PromptHeadCache heads;

    @Inject
    PublishedVersions versions;

    /** Partials named by a published version's template, parsed once per version. */
    private final Cache<UUID, Set<String>> nested = Caffeine.newBuilder().maximumSize(20_000).build();

    public Resolution resolve(UUID tenantId, String selfName, Set<String> references) {
        return resolve(tenantId, selfName, references, false);
    }

    /** With {@code memoryOnly}, anything not already in memory raises {@link NotInMemory} instead of being read. */
    public Resolution resolve(UUID tenantId, String selfName, Set<String> references, boolean memoryOnly) {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> used = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        path.push(selfName);
        for (String reference : references) {
            visit(tenantId, reference, path, sources, used, problems, memoryOnly);
        }
        return new Resolution(sources, used.toString(), problems);
    }

    private void visit(UUID tenantId, String reference, Deque<String> path, Map<String, String> sources,
            Map<String, String> used, List<String> problems, boolean memoryOnly) {
        PartialRef ref = PartialRef.parse(reference);
        if (path.contains(ref.name())) {
            problems.add("partial '" + reference + "' forms a cycle: " + String.join(" > ", reversed(path)) + " > " + ref.name());
            return;
        }
        if (path.size() > MAX_DEPTH) {
            problems.add("partials nest deeper than " + MAX_DEPTH + " levels at '" + reference + "'");
            return;
        }
        if (sources.containsKey(reference)) {
            return;
        }
        PromptHead head = memoryOnly ? heads.peek(tenantId, ref.name()) : heads.get(tenantId, ref.name()).orElse(null);
        if (head == null && memoryOnly) {
            throw NotInMemory.INSTANCE;
        }
        if (head == null) {
            problems.add("partial '" + reference + "': no prompt named '" + ref.name() + "'");
            return;
        }
        Integer number = head.resolve(ref.label());
        if (number == null) {
            problems.add("partial '" + reference + "': prompt '" + ref.name() + "' has no label '" + ref.label() + "'");
            return;
        }
        PublishedVersion version = memoryOnly ? versions.peek(head.promptId(), number) : versions.get(head.promptId(), number).orElse(null);
        if (version == null && memoryOnly) {
            throw NotInMemory.INSTANCE;
        }
        if (version == null || !PromptVersion.TEXT.equals(version.type())) {
            problems.add("partial '" + reference + "': only published text prompts can be included");
            return;
        }
        sources.put(reference, version.template());
        used.put(reference, version.id().toString());
        path.push(ref.name());
        for (String inner : nested.get(version.id(), id -> Templates.references(version.template()).partials())) {
            visit(tenantId, inner, path, sources, used, problems, memoryOnly);
        }
        path.pop();
    }

    private static List<String> reversed(Deque<String> path) {
        List<String> list = new ArrayList<>(path);
        java.util.Collections.reverse(list);
        return list;
    }
}
