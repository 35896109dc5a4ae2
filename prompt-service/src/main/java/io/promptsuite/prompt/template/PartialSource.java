package io.promptsuite.prompt.template;

import java.util.UUID;

/**
 * Where {@link PartialResolver} finds what {@code name@label} points at now. The caches implement it, so publish checks
 * and renders see the same versions; it is an interface here because labels and versions sit above the template
 * helpers in the package order, and publishing (in {@code version}) must resolve partials too.
 */
public interface PartialSource {

    /** A published version a partial may include. */
    interface Version {

        UUID id();

        String template();
    }

    /** Why a partial can't be included, as the end of a sentence naming it; no stack, it is an answer, not a fault. */
    final class Unresolved extends RuntimeException {

        public Unresolved(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * The published text version {@code name@label} points at now. With {@code memoryOnly}, raises
     * {@link NotInMemory} rather than read anything.
     *
     * @throws Unresolved when there is no such prompt or label, or the version is not a published text prompt
     */
    Version find(UUID tenantId, String name, String label, boolean memoryOnly);
}
