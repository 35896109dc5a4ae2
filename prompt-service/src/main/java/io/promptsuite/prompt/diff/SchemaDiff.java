package io.promptsuite.prompt.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two variables schemas from the caller's side: what a caller who rendered fine against the old version
 * would now be refused for is breaking (a new required variable, a removed variable, a narrowed type or enum, extra
 * properties no longer allowed); additions they can ignore are not.
 */
final class SchemaDiff {

    record Change(String path, String change, boolean breaking, String detail) {
    }

    private SchemaDiff() {
    }

    static List<Change> compare(Map<String, Object> from, Map<String, Object> to) {
        List<Change> changes = new ArrayList<>();
        compareObject("$", from, to, changes);
        return changes;
    }

    private static void compareObject(String path, Map<String, Object> from, Map<String, Object> to, List<Change> changes) {
        Map<String, Object> fromProps = props(from);
        Map<String, Object> toProps = props(to);
        Set<String> fromRequired = required(from);
        Set<String> toRequired = required(to);
        for (String name : toProps.keySet()) {
            if (!fromProps.containsKey(name)) {
                boolean required = toRequired.contains(name);
                changes.add(new Change(path + "." + name, required ? "added required variable" : "added optional variable",
                        required, null));
            }
        }
        for (String name : fromProps.keySet()) {
            if (!toProps.containsKey(name)) {
                changes.add(new Change(path + "." + name, "removed variable", true, "callers still sending it are refused"));
            }
        }
        for (String name : toRequired) {
            if (fromProps.containsKey(name) && toProps.containsKey(name) && !fromRequired.contains(name)) {
                changes.add(new Change(path + "." + name, "became required", true, null));
            }
        }
        for (String name : fromRequired) {
            if (toProps.containsKey(name) && !toRequired.contains(name)) {
                changes.add(new Change(path + "." + name, "became optional", false, null));
            }
        }
        for (String name : toProps.keySet()) {
            if (fromProps.containsKey(name)) {
                compareProperty(path + "." + name, map(fromProps.get(name)), map(toProps.get(name)), changes);
            }
        }
        if (!Boolean.FALSE.equals(from.get("additionalProperties")) && Boolean.FALSE.equals(to.get("additionalProperties"))) {
            changes.add(new Change(path, "additional properties no longer allowed", true, null));
        }
    }

    private static void compareProperty(String path, Map<String, Object> from, Map<String, Object> to, List<Change> changes) {
        Set<String> fromTypes = types(from);
        Set<String> toTypes = types(to);
        if (!Objects.equals(fromTypes, toTypes)) {
            boolean narrowed = !covers(toTypes, fromTypes);
            changes.add(new Change(path, narrowed ? "type narrowed" : "type widened", narrowed,
                    describe(fromTypes) + " → " + describe(toTypes)));
        }
        Object fromEnum = from.get("enum");
        Object toEnum = to.get("enum");
        if (!Objects.equals(fromEnum, toEnum)) {
            boolean narrowed = toEnum instanceof Collection<?> allowed
                    && (!(fromEnum instanceof Collection<?> before) || !allowed.containsAll(before));
            changes.add(new Change(path, narrowed ? "allowed values narrowed" : "allowed values widened", narrowed, null));
        }
        if (props(from).size() + props(to).size() > 0) {
            compareObject(path, from, to, changes);
        }
        if (from.get("items") instanceof Map<?, ?> && to.get("items") instanceof Map<?, ?>) {
            compareProperty(path + "[]", map(from.get("items")), map(to.get("items")), changes);
        }
        for (String bound : List.of("maxLength", "maximum", "maxItems")) {
            if (to.get(bound) instanceof Number after
                    && (!(from.get(bound) instanceof Number before) || after.doubleValue() < before.doubleValue())) {
                changes.add(new Change(path, bound + " lowered", true, from.get(bound) + " → " + after));
            }
        }
        for (String bound : List.of("minLength", "minimum", "minItems")) {
            if (to.get(bound) instanceof Number after
                    && (!(from.get(bound) instanceof Number before) || after.doubleValue() > before.doubleValue())) {
                changes.add(new Change(path, bound + " raised", true, from.get(bound) + " → " + after));
            }
        }
    }

    /** Whether every value of a type in {@code before} is still accepted by {@code after}; no type means any. */
    private static boolean covers(Set<String> after, Set<String> before) {
        if (after.isEmpty()) {
            return true;
        }
        if (before.isEmpty()) {
            return false;
        }
        for (String type : before) {
            boolean kept = after.contains(type) || ("integer".equals(type) && after.contains("number"));
            if (!kept) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Set<String> types) {
        return types.isEmpty() ? "any" : String.join("|", types);
    }

    private static Set<String> types(Map<String, Object> schema) {
        Set<String> types = new LinkedHashSet<>();
        Object type = schema.get("type");
        if (type instanceof String single) {
            types.add(single);
        } else if (type instanceof Collection<?> many) {
            many.forEach(t -> types.add(String.valueOf(t)));
        }
        return types;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> schema) {
        return schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    }

    private static Set<String> required(Map<String, Object> schema) {
        Set<String> required = new LinkedHashSet<>();
        if (schema.get("required") instanceof Collection<?> list) {
            list.forEach(r -> required.add(String.valueOf(r)));
        }
        return required;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
