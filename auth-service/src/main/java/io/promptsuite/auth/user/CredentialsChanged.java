package io.promptsuite.auth.user;

import java.util.UUID;

/**
 * A user's power or credentials changed. Fired inside the transaction that changes them, so whatever observers do
 * (sessions end, API-key announcements are prepared) commits or rolls back with the change.
 */
public record CredentialsChanged(UUID userId, UUID tenantId, Why why) {

    public enum Why {
        ROLE_CHANGED(true, true),
        DISABLED(true, true),
        ENABLED(false, true),
        /** The user's refresh tokens go with the row (ON DELETE CASCADE); their keys are looked up before it goes. */
        DELETED(false, true),
        PASSWORD_CHANGED(true, false),
        PLATFORM_ADMIN_REVOKED(true, false);

        private final boolean endsSessions;
        private final boolean changesApiKeys;

        Why(boolean endsSessions, boolean changesApiKeys) {
            this.endsSessions = endsSessions;
            this.changesApiKeys = changesApiKeys;
        }

        /** Whether every login of the user ends (DESIGN: disable, password change, role change). */
        public boolean endsSessions() {
            return endsSessions;
        }

        /** Whether the user's API keys change power too: keys carry the tenant role, not the password or platform-admin. */
        public boolean changesApiKeys() {
            return changesApiKeys;
        }
    }
}
