package io.promptsuite.prompt.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import io.promptsuite.prompt.RenderLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What can be decided about a template's cost without data: nesting depth, number of sections, number of partial tags,
 * and the size of the template once its partials and parents are expanded. Checked at publish (422
 * TEMPLATE_TOO_COMPLEX naming the field) and again when a version is compiled for rendering, since a label on a partial
 * can move after its includer was published.
 */
@ApplicationScoped
public class TemplateRules {

    @Inject
    RenderLimits limits;

    /** Problems with each template's own shape (field → template). */
    public List<FieldError> shapeProblems(Map<String, String> templates) {
        List<FieldError> problems = new ArrayList<>();
        templates.forEach((field, template) -> {
            if (template != null) {
                problems.addAll(shapeProblems(field, TemplateShape.of(template)));
            }
        });
        return problems;
    }

    public List<FieldError> shapeProblems(String field, TemplateShape shape) {
        List<FieldError> problems = new ArrayList<>();
        if (shape.depth() > limits.maxDepth()) {
            problems.add(new FieldError(field, "sections nest " + shape.depth() + " levels deep; at most " + limits.maxDepth()
                    + " are allowed"));
        }
        if (shape.sections() > limits.maxSections()) {
            problems.add(new FieldError(field, "holds " + shape.sections() + " sections; at most " + limits.maxSections()
                    + " are allowed"));
        }
        if (shape.partialTags() > limits.maxPartialTags()) {
            problems.add(new FieldError(field, "holds " + shape.partialTags() + " partial and parent tags; at most "
                    + limits.maxPartialTags() + " are allowed"));
        }
        return problems;
    }

    /** The problem with a compiled template once its partials are expanded, or null. */
    public FieldError expansionProblem(String field, Template template) {
        int limit = limits.maxExpandedTags();
        int tags;
        try {
            tags = Templates.expandedTags(template, limit);
        } catch (StackOverflowError e) {
            tags = limit + 1;
        } catch (MustacheException e) {
            // Loading a partial failed (a parse error in it, or a name the resolver didn't see): refuse, never a 500.
            return new FieldError(field, "can't be expanded with its partials: " + e.getMessage());
        }
        if (tags > limit) {
            return new FieldError(field, "expands, with its partials, to more than " + limit + " tags");
        }
        return null;
    }

    /** Refuses with 422 TEMPLATE_TOO_COMPLEX, naming each field and what is over. */
    public static void refuse(List<FieldError> problems) {
        if (problems.isEmpty()) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fields", problems);
        throw new ApiException(422, "TEMPLATE_TOO_COMPLEX",
                problems.get(0).field() + " " + problems.get(0).message(), details);
    }
}
