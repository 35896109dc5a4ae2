package io.promptsuite.prompt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.samskivert.mustache.Template;

/** The template scanner, expansion counting and the render budget, without a server. */
class TemplateShapeTest {

    @Test
    void depthAndSectionsCountEveryOpeningConstruct() {
        TemplateShape shape = TemplateShape.of("{{#a}}{{^b}}{{<p}}{{$x}}{{c}}{{/x}}{{/p}}{{/b}}{{/a}}{{#d}}{{/d}}");
        assertEquals(4, shape.depth());
        assertEquals(3, shape.sections());
        assertEquals(List.of("p"), shape.partials());
        assertEquals(Set.of("a", "b", "c", "d"), shape.variables());
    }

    @Test
    void includesParentsAndBlocksInsideParentsAreAllSeen() {
        TemplateShape shape = TemplateShape.of("{{> head}} {{<layout@staging}}{{$body}}{{who}} {{> foot}}{{/body}}{{/layout@staging}}");
        assertEquals(List.of("head", "layout@staging", "foot"), shape.partials());
        assertEquals(Set.of("who"), shape.variables());
        // JMustache's own visitor never shows what is inside a parent tag: the reason for the scanner.
        assertEquals(Set.of("head", "layout@staging", "foot"), Templates.references("{{> head}} {{<layout@staging}}"
                + "{{$body}}{{who}} {{> foot}}{{/body}}{{/layout@staging}}").partials());
    }

    @Test
    void followsDelimiterChangesTripleMustachesAndComments() {
        TemplateShape shape = TemplateShape.of("{{{raw}}} {{! {{#not}} }} {{=<% %>=}}<%#s%><%&amp%><%/s%><%={{ }}=%>{{> p}}");
        assertEquals(Set.of("raw", "s", "amp"), shape.variables());
        assertEquals(1, shape.sections());
        assertEquals(List.of("p"), shape.partials());
        assertTrue(TemplateShape.of("{{#list}}{{.}}{{-index}}{{/list}}").variables().equals(Set.of("list")));
    }

    @Test
    void expansionCountsPartialsOfPartialsAndStopsAtTheLimit() {
        Map<String, String> partials = Map.of("leaf", "{{x}}", "wide", "{{> leaf}}".repeat(100));
        Template template = Templates.compile("{{> wide}}".repeat(100), partials);
        assertEquals(100 + 100 * 100 * 2, Templates.expandedTags(template, 1_000_000));
        assertEquals(1001, Templates.expandedTags(template, 1000));
    }

    @Test
    void budgetStopsIterationsThatWriteNothing() {
        Template template = Templates.compile("{{#a}}{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}{{/a}}", Map.of());
        RenderBudget budget = new RenderBudget(100_000, 5_000_000_000L);
        budget.enter();
        try {
            Exception thrown = assertThrows(Exception.class, () -> template.execute(Map.of("a", java.util.Collections.nCopies(100, 1)),
                    new RenderOutput(1000, budget)));
            assertTrue(thrown instanceof RenderBudget.Exceeded || thrown.getCause() instanceof RenderBudget.Exceeded, thrown.toString());
        } finally {
            RenderBudget.leave();
        }
    }

    @Test
    void outputLimitHoldsForAppend() {
        RenderBudget budget = new RenderBudget(1_000_000, 5_000_000_000L);
        RenderOutput out = new RenderOutput(10, budget);
        out.append("0123456789");
        assertThrows(RenderOutput.Overflow.class, () -> out.append("x"));
    }

    @Test
    void templatesCannotCallMethodsOfTheValuesBehindVariables() {
        Template template = Templates.compile("[{{s.class.name}}{{s.length}}]", Map.of());
        RenderBudget budget = new RenderBudget(1_000, 5_000_000_000L);
        budget.enter();
        try {
            RenderOutput out = new RenderOutput(1000, budget);
            template.execute(Map.of("s", "abc"), out);
            assertEquals("[]", out.toString());
        } finally {
            RenderBudget.leave();
        }
        assertNull(Templates.parseError("{{#a}}{{/a}}"));
    }
}
