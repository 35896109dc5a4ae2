package io.promptsuite.prompt.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.common.security.Caller;
import io.promptsuite.prompt.CacheConfig;
import io.promptsuite.prompt.RenderLimits;
import io.promptsuite.prompt.template.NotInMemory;
import io.promptsuite.prompt.template.PartialResolver;
import io.promptsuite.prompt.template.RenderBudget;
import io.promptsuite.prompt.template.RenderOutput;
import io.promptsuite.prompt.template.TemplateRules;
import io.promptsuite.prompt.template.TemplateShape;
import io.promptsuite.prompt.template.Templates;
import io.promptsuite.prompt.template.VariablesSchema;
import io.promptsuite.prompt.version.PromptVersion;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Renders a version: variables are validated against the version's schema first (missing, wrong type and undeclared
 * variables each reported with their path), and nothing is rendered from input that failed. Compiled templates and
 * schema validators are kept per version and per set of partial versions, so a warm render queries nothing.
 */
@ApplicationScoped
public class RenderService {

    static final int MAX_VARIABLES_BYTES = 256 * 1024;

    /** What a render produces: text for text prompts, messages for chat prompts. */
    public record Rendered(String name, int version, String type, String label, String text, List<Map<String, String>> messages) {
    }

    @Inject
    Resolver resolver;

    @Inject
    PartialResolver partials;

    @Inject
    ObjectMapper json;

    @Inject
    CacheConfig config;

    @Inject
    RenderLimits limits;

    @Inject
    TemplateRules rules;

    private Cache<String, CompiledVersion> compiled;

    /** The partials a published version names, worked out once per version. */
    private final Cache<java.util.UUID, java.util.Set<String>> partialNames = Caffeine.newBuilder().maximumSize(20_000).build();

    @Inject
    RenderMetrics metrics;

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void init() {
        compiled = Caffeine.newBuilder().maximumSize(config.maxVersions()).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, compiled, "compiled_versions");
    }

    public Rendered render(Caller caller, String name, String owner, String label, Integer version, Map<String, Object> variables) {
        try {
            Rendered rendered = render(caller, name, owner, label, version, variables, false);
            metrics.rendered();
            return rendered;
        } catch (ApiException refused) {
            metrics.refused(refused);
            throw refused;
        }
    }

    /**
     * The render as it would be, from memory only and within the event loop's small work budget: empty when something
     * must first be read from PostgreSQL or Redis, or when the render is bigger than the event loop may carry (it is
     * then done again on a worker thread with the full budget). Safe on the event loop.
     */
    public java.util.Optional<Rendered> renderFromMemory(Caller caller, String name, String owner, String label, Integer version,
            Map<String, Object> variables) {
        try {
            Rendered rendered = render(caller, name, owner, label, version, variables, true);
            metrics.rendered();
            return java.util.Optional.of(rendered);
        } catch (NotInMemory e) {
            return java.util.Optional.empty(); // done again on a worker, and counted there
        } catch (ApiException refused) {
            metrics.refused(refused);
            throw refused;
        }
    }

    private Rendered render(Caller caller, String name, String owner, String label, Integer version, Map<String, Object> variables,
            boolean memoryOnly) {
        RenderTarget target = resolver.resolve(caller, name, owner, label, version, memoryOnly);
        Map<String, Object> values = variables == null ? Map.of() : variables;
        String valuesJson;
        try {
            valuesJson = json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("INVALID_VARIABLES", "variables must be a JSON object");
        }
        if (valuesJson.length() > MAX_VARIABLES_BYTES) {
            throw new ApiException(413, "VARIABLES_TOO_LARGE", "variables may hold at most 256 KiB of JSON");
        }
        if (memoryOnly && valuesJson.length() > limits.eventLoopVariablesBytes()) {
            throw NotInMemory.INSTANCE; // schema validation grows with the variables: a worker's job
        }
        CompiledVersion compiledVersion = compile(target, memoryOnly);
        if (compiledVersion.refusal() != null) {
            throw compiledVersion.compiles() ? tooExpensive(compiledVersion.refusal())
                    : new ApiException(422, "RENDER_FAILED", compiledVersion.refusal());
        }
        if (memoryOnly && !compiledVersion.schemaFitsEventLoop()) {
            throw NotInMemory.INSTANCE;
        }
        long validationStart = System.nanoTime();
        List<FieldError> errors = compiledVersion.schema().validate(valuesJson, values.keySet());
        if (memoryOnly && System.nanoTime() - validationStart > limits.eventLoopTimeout().toNanos()) {
            compiledVersion.validateOnWorkers(); // once too slow here, this version's schema stays off the event loop
        }
        if (!errors.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("fields", errors);
            throw new ApiException(422, "INVALID_VARIABLES",
                    "The variables don't match the schema: " + errors.get(0).field() + " " + errors.get(0).message(), details);
        }
        RenderBudget budget = memoryOnly
                ? new RenderBudget(limits.eventLoopWork(), limits.eventLoopTimeout().toNanos())
                : new RenderBudget(limits.maxWork(), limits.timeout().toNanos());
        budget.enter();
        try {
            if (PromptVersion.TEXT.equals(target.type())) {
                return new Rendered(name, target.number(), target.type(), target.label(),
                        execute(compiledVersion.templates().get(0), values, budget), null);
            }
            List<Map<String, String>> messages = new ArrayList<>();
            for (int i = 0; i < compiledVersion.templates().size(); i++) {
                Map<String, String> message = new LinkedHashMap<>();
                message.put("role", compiledVersion.roles().get(i));
                message.put("content", execute(compiledVersion.templates().get(i), values, budget));
                messages.add(message);
            }
            return new Rendered(name, target.number(), target.type(), target.label(), null, messages);
        } catch (RenderBudget.Exceeded e) {
            if (memoryOnly) {
                throw NotInMemory.INSTANCE; // too big for the event loop: again on a worker, with the full budget
            }
            throw tooExpensive(e.time ? "it ran past " + limits.timeout().toMillis() + " ms"
                    : "it needs more than " + limits.maxWork() + " units of work (sections, items iterated, writes)");
        } finally {
            RenderBudget.leave();
        }
    }

    private static ApiException tooExpensive(String why) {
        return new ApiException(422, "RENDER_TOO_EXPENSIVE", "The render was stopped: " + why
                + ". Iterate over fewer items or nest fewer sections.");
    }

    private CompiledVersion compile(RenderTarget target, boolean memoryOnly) {
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> roles = new ArrayList<>();
        if (PromptVersion.TEXT.equals(target.type())) {
            sources.put("template", target.template());
        } else {
            for (Map<String, String> message : target.messages()) {
                sources.put("messages[" + roles.size() + "].content", message.get("content"));
                roles.add(message.get("role"));
            }
        }
        java.util.Set<String> refs = new java.util.LinkedHashSet<>();
        if (target.published() == null) {
            sources.values().forEach(source -> refs.addAll(Templates.references(source).partials()));
        } else {
            refs.addAll(partialsOf(target, sources));
        }
        PartialResolver.Resolution resolution = partials.resolve(target.tenantId(), target.name(), refs, memoryOnly);
        if (!resolution.problems().isEmpty()) {
            throw new ApiException(422, "PARTIAL_UNRESOLVED", resolution.problems().get(0),
                    Map.of("problems", resolution.problems()));
        }
        if (target.published() == null) {
            return build(target, sources, roles, resolution);
        }
        String key = target.versionId() + resolution.signature();
        if (memoryOnly) {
            CompiledVersion hit = compiled.getIfPresent(key);
            if (hit == null) {
                throw NotInMemory.INSTANCE;
            }
            return hit;
        }
        return compiled.get(key, k -> build(target, sources, roles, resolution));
    }

    private java.util.Set<String> partialsOf(RenderTarget target, Map<String, String> sources) {
        return partialNames.get(target.versionId(), id -> {
            java.util.Set<String> refs = new java.util.LinkedHashSet<>();
            sources.values().forEach(source -> refs.addAll(Templates.references(source).partials()));
            return java.util.Set.copyOf(refs);
        });
    }

    /**
     * Compiles a version with its partials. What makes it too expensive to render whatever the data (nesting, section
     * count, expansion through partials) is found here, once, and kept with the compiled version as its refusal.
     */
    private CompiledVersion build(RenderTarget target, Map<String, String> sources, List<String> roles,
            PartialResolver.Resolution resolution) {
        String schemaJson;
        try {
            schemaJson = json.writeValueAsString(target.variablesSchema());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        VariablesSchema schema;
        try {
            schema = VariablesSchema.compile(schemaJson, target.variablesSchema());
        } catch (RuntimeException e) {
            // A draft may hold a pattern RE2 can't run; publishing refuses it, rendering the draft must not fail with 500.
            throw new ApiException(422, "SCHEMA_INVALID", "The variables schema can't be used: " + VariablesSchema.describe(e));
        }
        List<io.promptsuite.common.error.FieldError> problems = new ArrayList<>(rules.shapeProblems(sources));
        resolution.sources().forEach((reference, partial) -> problems.addAll(rules.shapeProblems("partial '" + reference + "'",
                TemplateShape.of(partial))));
        if (!problems.isEmpty()) {
            return CompiledVersion.refused(problems.get(0).field() + " " + problems.get(0).message(), roles, schema);
        }
        var compiler = Templates.compiler(resolution.sources());
        List<Template> templates = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Template template;
            try {
                template = compiler.compile(source.getValue());
            } catch (MustacheException e) {
                return CompiledVersion.uncompilable(source.getKey() + " can't be compiled: " + e.getMessage(), roles, schema);
            }
            var problem = rules.expansionProblem(source.getKey(), template);
            if (problem != null) {
                return CompiledVersion.refused(problem.field() + " " + problem.message(), roles, schema);
            }
            templates.add(template);
        }
        return new CompiledVersion(List.copyOf(templates), List.copyOf(roles), schema, null,
                schemaJson.length() <= limits.eventLoopSchemaBytes());
    }

    private String execute(Template template, Map<String, Object> values, RenderBudget budget) {
        RenderOutput out = new RenderOutput(limits.maxOutputChars(), budget);
        try {
            template.execute(values, out);
        } catch (RenderOutput.Overflow e) {
            throw tooLarge();
        } catch (MustacheException e) {
            if (e.getCause() instanceof RenderOutput.Overflow) {
                throw tooLarge();
            }
            if (e.getCause() instanceof RenderBudget.Exceeded exceeded) {
                throw exceeded;
            }
            throw new ApiException(422, "RENDER_FAILED", "The template could not be rendered with these variables");
        } catch (StackOverflowError e) {
            throw tooExpensive("its sections and partials nest too deep");
        }
        return out.toString();
    }

    private ApiException tooLarge() {
        return new ApiException(422, "RENDER_TOO_LARGE", "The rendered prompt would exceed " + limits.maxOutputChars() + " characters");
    }
}
