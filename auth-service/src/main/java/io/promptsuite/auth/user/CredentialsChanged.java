package io.promptsuite.auth.user;

import java.util.UUID;

/**
 * Fired inside the transaction that disables, deletes, demotes or otherwise changes a user's power or credentials.
 * Observers prepare their announcements in the transaction and send them once it commits.
 *
 * @param keysAffected whether the user's API keys change power too (not so for a password change)
 */
public record UserAccessChanged(UUID userId, boolean keysAffected) {
}
