package io.promptsuite.prompt.template;

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

import io.promptsuite.common.error.FieldError;
import io.promptsuite.prompt.RenderLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code {{> name@label}}} to the text of the version the label points at now, following partials of
 * partials, and refuses cycles. Uses the same caches as rendering, so a warm render resolves partials without a query.
 */
@ApplicationScoped
public class PartialResolver {

    /** Reference → template text, and a signature naming the exact versions used (for the compiled-template cache). */
    public record Resolution(Map<String, String> sources, String signature, List<String> problems) {
    }

    @Inject
    PartialSource source;

    @Inject
    RenderLimits limits;

    @Inject
    TemplateRules rules;

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
        String chain = chain(path, ref.name());
        if (path.contains(ref.name())) {
            problems.add("partial '" + reference + "' forms a cycle: " + chain);
            return;
        }
        if (path.size() > limits.maxPartialDepth()) {
            problems.add("partials nest deeper than " + limits.maxPartialDepth() + " levels: " + chain);
            return;
        }
        if (sources.containsKey(reference)) {
            return;
        }
        PartialSource.Version version;
        try {
            version = source.find(tenantId, ref.name(), ref.label(), memoryOnly);
        } catch (PartialSource.Unresolved e) {
            problems.add("partial '" + reference + "' (" + chain + "): " + e.getMessage());
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

    /** The chain of templates from the one rendered to {@code next}: "a -> b -> a". */
    private static String chain(Deque<String> path, String next) {
        List<String> list = new ArrayList<>(path);
        java.util.Collections.reverse(list);
        list.add(next);
        return String.join(" -> ", list);
    }

    /**
     * The publish checks of a version's templates (field → template): refuses templates over the limits with 422
     * TEMPLATE_TOO_COMPLEX, and, when {@code resolvePartials}, returns each partial or parent that cycles or can't be
     * resolved, naming the chain; a version whose partials resolve is compiled and refused as too complex when it
     * expands, partials included, past the limit.
     */
    public List<FieldError> publishProblems(UUID tenantId, String selfName, Map<String, String> templates,
            boolean resolvePartials) {
        TemplateRules.refuse(rules.shapeProblems(templates));
        List<FieldError> problems = new ArrayList<>();
        if (!resolvePartials) {
            return problems;
        }
        Map<String, String> sources = new LinkedHashMap<>();
        templates.forEach((field, template) -> {
            Resolution resolution = resolve(tenantId, selfName, Templates.references(template).partials());
            resolution.problems().forEach(problem -> problems.add(new FieldError(field, problem)));
            sources.putAll(resolution.sources());
        });
        if (problems.isEmpty() && !sources.isEmpty()) {
            List<FieldError> tooComplex = new ArrayList<>();
            var compiler = Templates.compiler(sources);
            sources.forEach((reference, partial) -> tooComplex.addAll(rules.shapeProblems("partial '" + reference + "'",
                    TemplateShape.of(partial))));
            templates.forEach((field, template) -> {
                FieldError problem;
                try {
                    problem = rules.expansionProblem(field, compiler.compile(template));
                } catch (com.samskivert.mustache.MustacheException e) {
                    problem = new FieldError(field, "can't be compiled: " + e.getMessage());
                }
                if (problem != null) {
                    tooComplex.add(problem);
                }
            });
            TemplateRules.refuse(tooComplex);
        }
        return problems;
    }
}
