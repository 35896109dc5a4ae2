package io.promptsuite.prompt.template;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * JSON Schema {@code pattern} and {@code patternProperties} through RE2/J: matching takes time linear in the input
 * whatever pattern an editor published, so no pattern can backtrack catastrophically. RE2 has no backreferences or
 * lookaround; a pattern using them doesn't compile, and publishing refuses it.
 */
final class Re2RegularExpressions implements RegularExpressionFactory {

    static final Re2RegularExpressions INSTANCE = new Re2RegularExpressions();

    private Re2RegularExpressions() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex);
        // JSON Schema patterns are unanchored: find, not matches.
        return value -> pattern.matcher(value).find();
    }
}
