package io.promptsuite.prompt.template;

/**
 * The work one render may still do. Counted by the template engine's hooks (sections evaluated, items iterated, writes)
 * and checked against a wall-time deadline every few hundred units, so a render stops within the budget whatever the
 * template and data look like. One budget belongs to one thread for the duration of one template execution.
 */
public final class RenderBudget {

    /** Thrown when the budget is spent; no stack, it is the normal end of an over-expensive render. */
    public static final class Exceeded extends RuntimeException {
        public final boolean time;

        Exceeded(boolean time) {
            super(null, null, false, false);
            this.time = time;
        }
    }

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();
    private static final int CLOCK_EVERY = 256;

    private final long maxWork;
    private final long deadline;
    private long work;

    public RenderBudget(long maxWork, long timeoutNanos) {
        this.maxWork = maxWork;
        this.deadline = System.nanoTime() + timeoutNanos;
    }

    /** The budget of the render running on this thread, or null outside renders (parsing, visiting). */
    static RenderBudget current() {
        return CURRENT.get();
    }

    public void enter() {
        CURRENT.set(this);
    }

    public static void leave() {
        CURRENT.remove();
    }

    void spend() {
        long spent = ++work;
        if (spent > maxWork) {
            throw new Exceeded(false);
        }
        if (spent % CLOCK_EVERY == 0 && System.nanoTime() - deadline > 0) {
            throw new Exceeded(true);
        }
    }

    long work() {
        return work;
    }
}
