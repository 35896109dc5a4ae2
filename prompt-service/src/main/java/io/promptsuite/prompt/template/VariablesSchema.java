package io.promptsuite.prompt.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import io.promptsuite.common.error.FieldError;

/**
 * A version's variables schema (JSON Schema 2020-12), compiled once per version with networknt. Values cross to the
 * validator as JSON text: it runs on Jackson 3, Quarkus on Jackson 2. Regular expressions ({@code pattern},
 * {@code patternProperties}) run on RE2/J, in time linear in the value; a draft may still hold a pattern only the JDK
 * understands (backreferences, lookaround), publishing refuses it.
 */
public final class VariablesSchema {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .regularExpressionFactory(Re2RegularExpressions.INSTANCE).build()));
    /** For drafts only, which are checked but never validate variables with these patterns: the JDK's syntax. */
    private static final SchemaRegistry DRAFT_REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema META = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    private final Schema schema;
    private final Set<String> topLevel;
    private final Set<String> everywhere;

    private VariablesSchema(Schema schema, Set<String> topLevel, Set<String> everywhere) {
        this.schema = schema;
        this.topLevel = topLevel;
        this.everywhere = everywhere;
    }

    /**
     * Problems with a schema as a schema, for publishing: not JSON Schema, not an object at the root, reaching out of
     * itself, or a regular expression RE2 can't run.
     */
    public static List<String> problems(String schemaJson, Map<String, Object> schema) {
        return problems(schemaJson, schema, REGISTRY);
    }

    /** Problems with a draft's schema: as {@link #problems}, but any pattern the JDK compiles is accepted for now. */
    public static List<String> draftProblems(String schemaJson, Map<String, Object> schema) {
        return problems(schemaJson, schema, DRAFT_REGISTRY);
    }

    /** What went wrong compiling a schema, without internals. */
    public static String describe(RuntimeException e) {
        if (e instanceof com.google.re2j.PatternSyntaxException syntax) {
            return "the pattern '" + syntax.getPattern() + "' is not supported (" + syntax.getDescription()
                    + "); patterns run on RE2: no backreferences or lookaround";
        }
        if (e.getCause() instanceof RuntimeException cause && cause != e) {
            return describe(cause);
        }
        return "the schema cannot be compiled: " + e.getClass().getSimpleName();
    }

    private static List<String> problems(String schemaJson, Map<String, Object> schema, SchemaRegistry registry) {
        List<String> problems = new ArrayList<>();
        for (Error error : META.validate(schemaJson, InputFormat.JSON)) {
            problems.add(location(error) + ": " + error.getMessage());
        }
        Object type = schema.get("type");
        if (type != null && !"object".equals(type)) {
            problems.add("the root must describe an object (\"type\": \"object\"): variables are named");
        }
        collectRefs(schema, problems);
        if (problems.isEmpty()) {
            try {
                registry.getSchema(schemaJson, InputFormat.JSON).initializeValidators();
            } catch (RuntimeException e) {
                problems.add(describe(e));
            }
        }
        return problems;
    }

    public static VariablesSchema compile(String schemaJson, Map<String, Object> schema) {
        Set<String> top = new LinkedHashSet<>();
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.keySet().forEach(k -> top.add(String.valueOf(k)));
        }
        Set<String> all = new LinkedHashSet<>();
        collectPropertyNames(schema, all);
        Schema compiled = REGISTRY.getSchema(schemaJson, InputFormat.JSON);
        compiled.initializeValidators(); // every pattern compiled now, not lazily in the middle of a render
        return new VariablesSchema(compiled, Set.copyOf(top), Set.copyOf(all));
    }

    /** Each problem with the variables, with its path ($.name, $.items[0].id). */
    public List<FieldError> validate(String variablesJson, Collection<String> givenNames) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Error error : schema.validate(variablesJson, InputFormat.JSON)) {
            String path = location(error);
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                path = ("$".equals(path) ? "$" : path) + "." + error.getProperty();
            }
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                path = ("$".equals(path) ? "$" : path) + "." + error.getProperty();
                errors.add(new FieldError(path, "is not declared in the variables schema"));
                seen.add(path);
                continue;
            }
            if (seen.add(path + "|" + error.getKeyword())) {
                errors.add(new FieldError(path, error.getMessage()));
            }
        }
        for (String name : givenNames) {
            String path = "$." + name;
            if (!topLevel.contains(name) && !seen.contains(path)) {
                errors.add(new FieldError(path, "is not declared in the variables schema"));
            }
        }
        return errors;
    }

    /** True when the name is a property somewhere in the schema (variables inside sections live in nested objects). */
    public boolean declares(String variable) {
        for (String part : variable.split("\\.")) {
            if (!part.isEmpty() && !everywhere.contains(part)) {
                return false;
            }
        }
        return true;
    }

    /** The instance location as a JSON path ($.items[0].title), whatever notation the validator used. */
    private static String location(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        if (location.startsWith("$")) {
            return location;
        }
        StringBuilder path = new StringBuilder("$");
        for (String segment : location.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            path.append(name.chars().allMatch(Character::isDigit) ? "[" + name + "]" : "." + name);
        }
        return path.toString();
    }

    private static void collectPropertyNames(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("properties") instanceof Map<?, ?> properties) {
                properties.keySet().forEach(k -> names.add(String.valueOf(k)));
            }
            map.values().forEach(value -> collectPropertyNames(value, names));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectPropertyNames(item, names));
        }
    }

    private static void collectRefs(Object node, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (("$ref".equals(entry.getKey()) || "$dynamicRef".equals(entry.getKey()))
                        && !(entry.getValue() instanceof String ref && ref.startsWith("#"))) {
                    problems.add("only local references (\"#/…\") are allowed, not " + entry.getValue());
                }
                collectRefs(entry.getValue(), problems);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, problems));
        }
    }
}
