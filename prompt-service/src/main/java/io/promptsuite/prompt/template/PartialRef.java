package io.promptsuite.prompt.template;

import io.promptsuite.prompt.PromptNames;

/** {@code {{> footer}}} includes footer@production; {@code {{> footer@staging}}} names the label. */
public record PartialRef(String reference, String name, String label) {

    public static PartialRef parse(String reference) {
        int at = reference.lastIndexOf('@');
        if (at <= 0) {
            return new PartialRef(reference, reference, PromptNames.PRODUCTION);
        }
        return new PartialRef(reference, reference.substring(0, at), reference.substring(at + 1));
    }
}
