package io.promptsuite.stats.query;

import java.util.UUID;

/** Whose numbers a query reads: one tenant, or (platform-admin only) every tenant at once. */
record Scope(UUID tenant) {

    static final Scope ALL = new Scope(null);

    boolean all() {
        return tenant == null;
    }
}
