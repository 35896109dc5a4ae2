package io.promptsuite.prompt.render;

import java.util.List;

import com.samskivert.mustache.Template;

import io.promptsuite.prompt.template.VariablesSchema;

/**
 * A version ready to render: its templates compiled with their partials, its schema compiled. A version too expensive
 * to render whatever the data carries its refusal instead of templates, so the verdict is reached once per version.
 * Whether its schema is validated on the event loop is decided by its size, and withdrawn for good the first time a
 * validation there takes longer than the event loop's budget.
 */
public final class CompiledVersion {

    private final List<Template> templates;
    private final List<String> roles;
    private final VariablesSchema schema;
    private final String refusal;
    private final boolean compiles;
    private volatile boolean schemaFitsEventLoop;

    CompiledVersion(List<Template> templates, List<String> roles, VariablesSchema schema, String refusal,
            boolean schemaFitsEventLoop) {
        this(templates, roles, schema, refusal, true, schemaFitsEventLoop);
    }

    private CompiledVersion(List<Template> templates, List<String> roles, VariablesSchema schema, String refusal,
            boolean compiles, boolean schemaFitsEventLoop) {
        this.templates = templates;
        this.roles = roles;
        this.schema = schema;
        this.refusal = refusal;
        this.compiles = compiles;
        this.schemaFitsEventLoop = schemaFitsEventLoop;
    }

    /** Too expensive to render whatever the data. */
    static CompiledVersion refused(String refusal, List<String> roles, VariablesSchema schema) {
        return new CompiledVersion(List.of(), List.copyOf(roles), schema, refusal, true, false);
    }

    /** Can't be compiled with its partials at all. */
    static CompiledVersion uncompilable(String refusal, List<String> roles, VariablesSchema schema) {
        return new CompiledVersion(List.of(), List.copyOf(roles), schema, refusal, false, false);
    }

    /** False when the refusal is that the templates don't compile, rather than that they cost too much. */
    boolean compiles() {
        return compiles;
    }

    public List<Template> templates() {
        return templates;
    }

    public List<String> roles() {
        return roles;
    }

    public VariablesSchema schema() {
        return schema;
    }

    /** Why this version can't be rendered whatever the data, or null. */
    public String refusal() {
        return refusal;
    }

    boolean schemaFitsEventLoop() {
        return schemaFitsEventLoop;
    }

    void validateOnWorkers() {
        schemaFitsEventLoop = false;
    }
}
