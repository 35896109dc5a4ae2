package io.promptsuite.prompt.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags of a template as JMustache reads them, and what follows from them without any data: how deep sections
 * nest, how many there are, which variables and which other templates ({@code {{> name}}} includes and
 * {@code {{< name}}…{{/name}}} parents) it names. JMustache's own visitor can't give this: it reports no section ends
 * (so no depth) and never shows the blocks inside a parent tag. The scanner follows JMustache's parser (including
 * {@code {{=<% %>=}}} delimiter changes and triple mustaches) and is only run on templates that JMustache compiled.
 */
public record TemplateShape(int depth, int sections, int partialTags, Set<String> variables, List<String> partials) {

    /** Names Mustache gives meaning to inside sections; never variables of the caller. */
    private static final Set<String> BUILT_INS = Set.of(".", "this", "-first", "-last", "-index");

    public static TemplateShape of(String source) {
        Scanner scanner = new Scanner();
        scanner.scan(source);
        return new TemplateShape(scanner.maxDepth, scanner.sections, scanner.partials.size(), scanner.variables,
                List.copyOf(scanner.partials));
    }

    /** A character-level port of JMustache's Parser states: TEXT, MATCHING_START, TAG, MATCHING_END. */
    private static final class Scanner {
        private static final char NONE = '\0';
        private char start1 = '{';
        private char start2 = '{';
        private char end1 = '}';
        private char end2 = '}';

        int depth;
        int maxDepth;
        int sections;
        final Set<String> variables = new LinkedHashSet<>();
        final List<String> partials = new ArrayList<>();

        void scan(String source) {
            int i = 0;
            int n = source.length();
            while (i < n) {
                int open = findStart(source, i);
                if (open < 0) {
                    return;
                }
                int contentStart = open + (start2 == NONE ? 1 : 2);
                int close = findEnd(source, contentStart);
                if (close < 0) {
                    return;
                }
                String content = source.substring(contentStart, close);
                int next = close + (end2 == NONE ? 1 : 2);
                // JMustache restarts a tag at a new start character found inside one (except in comments).
                int restart = restartAt(content);
                if (restart >= 0) {
                    i = contentStart + restart;
                    continue;
                }
                if (isStaches() && content.startsWith("{")) {
                    next++; // the third closing brace of {{{name}}}
                    content = "&" + content.substring(1);
                }
                tag(content);
                i = next;
            }
        }

        private int restartAt(String content) {
            if (content.startsWith("!")) {
                return -1;
            }
            for (int k = 1; k < content.length(); k++) {
                if (content.charAt(k) == start1) {
                    return k;
                }
            }
            return -1;
        }

        private boolean isStaches() {
            return start1 == '{' && start2 == '{' && end1 == '}' && end2 == '}';
        }

        private int findStart(String source, int from) {
            for (int k = from; k < source.length(); k++) {
                if (source.charAt(k) == start1 && (start2 == NONE || (k + 1 < source.length() && source.charAt(k + 1) == start2))) {
                    return k;
                }
            }
            return -1;
        }

        private int findEnd(String source, int from) {
            for (int k = from; k < source.length(); k++) {
                if (source.charAt(k) == end1 && (end2 == NONE || (k + 1 < source.length() && source.charAt(k + 1) == end2))) {
                    return k;
                }
            }
            return -1;
        }

        private void tag(String raw) {
            if (raw.startsWith("=")) {
                String[] delims = raw.substring(1, Math.max(1, raw.length() - 1)).split(" ");
                if (delims.length == 2 && !delims[0].isEmpty() && !delims[1].isEmpty()) {
                    start1 = delims[0].charAt(0);
                    start2 = delims[0].length() > 1 ? delims[0].charAt(1) : NONE;
                    end1 = delims[1].charAt(0);
                    end2 = delims[1].length() > 1 ? delims[1].charAt(1) : NONE;
                }
                return;
            }
            String tag = raw.trim();
            if (tag.isEmpty()) {
                return;
            }
            String name = tag.substring(1).trim();
            switch (tag.charAt(0)) {
                case '#', '^' -> {
                    sections++;
                    variable(name);
                    open();
                }
                case '$' -> open();
                case '<' -> {
                    partials.add(name);
                    open();
                }
                case '/' -> depth = Math.max(0, depth - 1);
                case '>' -> partials.add(name);
                case '!' -> {
                }
                case '&' -> variable(name);
                default -> variable(tag);
            }
        }

        private void open() {
            depth++;
            maxDepth = Math.max(maxDepth, depth);
        }

        private void variable(String name) {
            if (!BUILT_INS.contains(name)) {
                variables.add(name);
            }
        }
    }
}
