package io.promptsuite.prompt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;

/**
 * Prompt names: letters, digits, '.', '_' and '-', with '/' between folder segments, at most 200 characters. A few
 * segments are taken by the API's own paths and can't be used.
 */
public final class PromptNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9][A-Za-z0-9._-]{0,99})*");
    private static final Set<String> RESERVED_SEGMENTS = Set.of("versions", "labels", "render", "diff", "audit", "restore", "releases", "executions");
    private static final Set<String> RESERVED_NAMES = Set.of("export", "import");
    public static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** The label reads and renders use when none is named, and partials include by default. */
    public static final String PRODUCTION = "production";
    /** Not stored: always the newest published version. */
    public static final String LATEST = "latest";

    private PromptNames() {
    }

    public static void check(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new ApiException(400, "INVALID_NAME", "Invalid prompt name: " + problem,
                    Map.of("fields", List.of(new FieldError("name", problem))));
        }
    }

    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "is required";
        }
        if (name.length() > 200) {
            return "must be at most 200 characters";
        }
        if (!NAME.matcher(name).matches()) {
            return "use letters, digits, '.', '_', '-' and '/' between segments; no spaces, no leading or trailing '/'";
        }
        if (RESERVED_NAMES.contains(name)) {
            return "'" + name + "' is reserved";
        }
        for (String segment : name.split("/")) {
            if (RESERVED_SEGMENTS.contains(segment)) {
                return "the segment '" + segment + "' is reserved";
            }
        }
        return null;
    }

    public static void checkLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new ApiException(400, "INVALID_LABEL", "Label names use lower-case letters, digits, '.', '_' and '-' (at most 63)",
                    Map.of("fields", List.of(new FieldError("label", "invalid label name"))));
        }
    }
}
