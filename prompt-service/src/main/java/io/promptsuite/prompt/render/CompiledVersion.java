package io.promptsuite.prompt.render;

import java.util.List;

import com.samskivert.mustache.Template;

/** A version ready to render: its templates compiled with their partials, its schema compiled. */
public record CompiledVersion(List<Template> templates, List<String> roles, VariablesSchema schema) {
}
