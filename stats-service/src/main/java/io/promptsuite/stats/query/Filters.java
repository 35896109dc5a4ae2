package io.promptsuite.stats.query;

/**
 * The dimension filters of a query; null means "any". {@code label} "" selects executions that named no label.
 */
record Filters(String prompt, Integer version, String label, String model) {

    static final Filters NONE = new Filters(null, null, null, null);

    boolean any() {
        return prompt != null || version != null || label != null || model != null;
    }
}
