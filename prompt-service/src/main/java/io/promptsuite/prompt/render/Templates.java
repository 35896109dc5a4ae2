package io.promptsuite.prompt.render;

import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

/**
 * Mustache through JMustache: no HTML escaping (these are prompts, not pages), missing optional values render empty,
 * partials come only from the map a render was given.
 */
public final class Templates {

    /** Names Mustache gives meaning to inside sections; never variables of the caller. */
    private static final Set<String> BUILT_INS = Set.of(".", "this", "-first", "-last", "-index");

    private static final Mustache.Compiler PARSER = Mustache.compiler().escapeHTML(false).defaultValue("")
            .withLoader(name -> new StringReader(""));

    private Templates() {
    }

    /** Compiles with partials resolved from {@code partials} (reference → template text). */
    public static Template compile(String source, Map<String, String> partials) {
        return Mustache.compiler().escapeHTML(false).defaultValue("")
                .withLoader(name -> {
                    String partial = partials.get(name.trim());
                    if (partial == null) {
                        throw new MustacheException("Partial not resolved: " + name);
                    }
                    return new StringReader(partial);
                })
                .compile(source);
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

    /** What a template refers to. */
    public record References(Set<String> variables, Set<String> partials) {
    }

    public static References references(String source) {
        Set<String> variables = new LinkedHashSet<>();
        Set<String> partials = new LinkedHashSet<>();
        PARSER.compile(source).visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                partials.add(name.trim());
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                add(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                add(name);
                return true;
            }

            private void add(String name) {
                String trimmed = name.trim();
                if (!BUILT_INS.contains(trimmed)) {
                    variables.add(trimmed);
                }
            }
        });
        return new References(variables, partials);
    }
}
