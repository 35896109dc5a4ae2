package io.promptsuite.prompt.render;

import java.util.List;

import com.samskivert.mustache.Template;

/**
 * A version ready to render: its templates compiled with their partials, its schema compiled. A version too expensive
 * to render whatever the data carries its refusal instead of templates, so the verdict is reached once per version.
 */
public record CompiledVersion(List<Template> templates, List<String> roles, VariablesSchema schema, String refusal) {

    static CompiledVersion refused(String refusal, List<String> roles, VariablesSchema schema) {
        return new CompiledVersion(List.of(), List.copyOf(roles), schema, refusal);
    }
}
