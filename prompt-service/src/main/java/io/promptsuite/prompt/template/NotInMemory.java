package io.promptsuite.prompt.template;

/**
 * Raised on the event loop when a render needs something not already in memory; the render is then retried on a
 * worker thread, where reading PostgreSQL or Redis is allowed. Carries no stack: it is control flow, not an error.
 */
public final class NotInMemory extends RuntimeException {

    public static final NotInMemory INSTANCE = new NotInMemory();

    private NotInMemory() {
        super(null, null, false, false);
    }
}
