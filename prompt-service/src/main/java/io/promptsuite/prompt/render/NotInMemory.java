package io.promptsuite.prompt.render;

/**
 * Raised on the event loop when a render needs something not already in memory; the render is then retried on a
 * worker thread, where reading PostgreSQL or Redis is allowed. Carries no stack: it is control flow, not an error.
 */
final class NotInMemory extends RuntimeException {

    static final NotInMemory INSTANCE = new NotInMemory();

    private NotInMemory() {
        super(null, null, false, false);
    }
}
