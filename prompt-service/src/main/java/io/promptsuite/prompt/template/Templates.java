package io.promptsuite.prompt.template;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

/**
 * Mustache through JMustache: no HTML escaping (these are prompts, not pages), missing optional values render empty,
 * partials come only from the map a render was given, and every render runs on the work budget
 * ({@link BudgetedCollector}, {@link RenderOutput}).
 */
public final class Templates {

    private static final Mustache.Compiler BASE = Mustache.compiler().escapeHTML(false).defaultValue("")
            .withCollector(BudgetedCollector.INSTANCE);

    private static final Mustache.Compiler PARSER = BASE.withLoader(name -> new StringReader(""));

    private Templates() {
    }

    /**
     * A compiler for one version's templates whose partials come from {@code partials} (reference → template text).
     * Each partial is compiled once: JMustache would otherwise compile it again at every tag naming it, so a partial
     * named a thousand times by a partial named a thousand times would be parsed a million times.
     */
    public static Mustache.Compiler compiler(Map<String, String> partials) {
        return new PartialsOnce(BASE.withLoader(name -> {
            String partial = partials.get(name.trim());
            if (partial == null) {
                throw new MustacheException("Partial not resolved: " + name);
            }
            return new StringReader(partial);
        }));
    }

    /** Compiles with partials resolved from {@code partials} (reference → template text). */
    public static Template compile(String source, Map<String, String> partials) {
        return compiler(partials).compile(source);
    }

    /** The parse error of a template, or null when it parses. */
    public static String parseError(String source) {
        String unclosed = unclosedTag(source);
        if (unclosed != null) {
            return unclosed;
        }
        try {
            PARSER.compile(source);
            return null;
        } catch (MustacheException e) {
            return e.getMessage();
        }
    }

    /** JMustache keeps a tag it can't close as literal text; a prompt author almost always meant a variable. */
    private static String unclosedTag(String source) {
        int from = 0;
        while (true) {
            int open = source.indexOf("{{", from);
            if (open < 0) {
                return null;
            }
            int inner = open + 2;
            while (inner < source.length() && source.charAt(inner) == '{') {
                inner++;
            }
            int close = source.indexOf("}}", inner);
            int nextOpen = source.indexOf("{{", inner);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                int line = 1 + (int) source.substring(0, open).chars().filter(c -> c == '\n').count();
                return "Unclosed tag '{{' on line " + line;
            }
            from = close + 2;
        }
    }

    /** What a template refers to: variables, and other templates through {@code {{> name}}} and {@code {{< name}}}. */
    public record References(Set<String> variables, Set<String> partials) {
    }

    public static References references(String source) {
        TemplateShape shape = TemplateShape.of(source);
        return new References(shape.variables(), new java.util.LinkedHashSet<>(shape.partials()));
    }

    /**
     * Counts the tags of a compiled template with every partial and parent expanded as it would run (each section
     * once), stopping as soon as the count passes {@code limit}. Returns the count, or {@code limit + 1} when over.
     * The walk loads the partials, so it also warms the template before its first render.
     */
    public static int expandedTags(Template template, int limit) {
        int[] count = {0};
        final class Over extends RuntimeException {
            Over() {
                super(null, null, false, false);
            }
        }
        try {
            template.visit(new Mustache.Visitor() {
                private boolean more() {
                    if (++count[0] > limit) {
                        throw new Over();
                    }
                    return true;
                }

                @Override
                public void visitText(String text) {
                }

                @Override
                public void visitVariable(String name) {
                    more();
                }

                @Override
                public boolean visitInclude(String name) {
                    return more();
                }

                @Override
                public boolean visitParent(String name) {
                    return more();
                }

                @Override
                public boolean visitBlock(String name) {
                    return more();
                }

                @Override
                public boolean visitSection(String name) {
                    return more();
                }

                @Override
                public boolean visitInvertedSection(String name) {
                    return more();
                }
            });
        } catch (Over e) {
            return limit + 1;
        }
        return count[0];
    }

    /** The compiler with partial templates compiled once per name (see {@link #compiler(Map)}). */
    private static final class PartialsOnce extends Mustache.Compiler {
        private final Map<String, Template> loaded = new ConcurrentHashMap<>();

        PartialsOnce(Mustache.Compiler base) {
            super(base.standardsMode, base.strictSections, base.nullValue, base.missingIsNull, base.emptyStringIsFalse,
                    base.zeroIsFalse, base.formatter, base.escaper, base.loader, base.collector, base.delims);
        }

        @Override
        public Template loadTemplate(String name) {
            Template template = loaded.get(name);
            if (template == null) {
                template = super.loadTemplate(name);
                loaded.put(name, template);
            }
            return template;
        }
    }
}
