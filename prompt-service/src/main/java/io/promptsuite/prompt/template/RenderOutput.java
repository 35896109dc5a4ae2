package io.promptsuite.prompt.template;

import java.io.Writer;

/**
 * Where a render writes: bounded in characters, and each write is a unit of the render's work. JMustache writes through
 * {@link #append(CharSequence)}, which {@link java.io.StringWriter} would pass straight to its buffer, unguarded.
 */
public final class RenderOutput extends Writer {

    /** The output would pass its limit; no stack, it is an answer, not a fault. */
    public static final class Overflow extends RuntimeException {
        Overflow() {
            super(null, null, false, false);
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final int limit;
    private final RenderBudget budget;

    public RenderOutput(int limit, RenderBudget budget) {
        this.limit = limit;
        this.budget = budget;
    }

    @Override
    public Writer append(CharSequence chars) {
        CharSequence value = chars == null ? "null" : chars;
        guard(value.length());
        text.append(value);
        return this;
    }

    @Override
    public Writer append(CharSequence chars, int start, int end) {
        CharSequence value = chars == null ? "null" : chars;
        guard(end - start);
        text.append(value, start, end);
        return this;
    }

    @Override
    public Writer append(char c) {
        guard(1);
        text.append(c);
        return this;
    }

    @Override
    public void write(String str, int off, int len) {
        guard(len);
        text.append(str, off, off + len);
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
        guard(len);
        text.append(cbuf, off, len);
    }

    @Override
    public void write(int c) {
        guard(1);
        text.append((char) c);
    }

    private void guard(int more) {
        budget.spend();
        if (text.length() + (long) more > limit) {
            throw new Overflow();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
