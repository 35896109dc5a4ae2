package io.promptsuite.auth.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Rotates a refresh token in one SQL statement (one database round trip, committed on its own): spends the presented
 * token if it is still good, reads its owner and tenant, and stores the next token of the family unless the owner is
 * disabled or another client presents it. Of several requests presenting one token at once, exactly one gets a row:
 * the others wait for its row lock and then no longer match {@code used_at IS NULL}.
 */
@ApplicationScoped
public class RefreshRotation {

    private static final String ROTATE = """
            WITH spent AS (
                UPDATE auth.refresh_tokens SET used_at = ?
                WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? AND family_expires_at > ?
                RETURNING family_id, user_id, client_id, scope, family_expires_at
            ), owner AS (
                SELECT s.family_id, s.user_id, s.client_id, s.scope, s.family_expires_at,
                       u.tenant_id, u.role, u.platform_admin, u.disabled, t.slug
                FROM spent s JOIN auth.users u ON u.id = s.user_id JOIN auth.tenants t ON t.id = u.tenant_id
            ), next AS (
                INSERT INTO auth.refresh_tokens (id, family_id, token_hash, user_id, tenant_id, client_id, scope,
                                                 expires_at, family_expires_at)
                SELECT ?, family_id, ?, user_id, tenant_id, client_id, scope, LEAST(?, family_expires_at), family_expires_at
                FROM owner WHERE NOT disabled AND (CAST(? AS VARCHAR) IS NULL OR client_id = CAST(? AS VARCHAR))
                RETURNING id
            )
            SELECT o.family_id, o.user_id, o.client_id, o.scope, o.tenant_id, o.role, o.platform_admin, o.disabled, o.slug,
                   EXISTS (SELECT 1 FROM next) AS stored
            FROM owner o""";

    private static final String REVOKE_FAMILY =
            "UPDATE auth.refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL";

    /**
     * What the spent token said and whether its successor was stored.
     *
     * @param stored false when the owner is disabled or the client differs: the caller ends the family
     */
    public record Rotated(UUID familyId, UUID userId, String clientId, String scope, UUID tenantId, String tenantSlug,
            String role, boolean platformAdmin, boolean disabled, boolean stored) {
    }

    @Inject
    DataSource dataSource;

    /**
     * Spends {@code hash} and stores {@code nextHash} as the next token of its family.
     *
     * @param nextExpiresAt when the next token expires, if the family lives that long
     * @param expectedClientId the authenticated client, or null when the caller is a public client or the web API
     * @return empty when the token is unknown, spent, revoked or expired
     */
    public Optional<Rotated> rotate(String hash, UUID nextId, String nextHash, OffsetDateTime now, OffsetDateTime nextExpiresAt,
            String expectedClientId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(ROTATE)) {
            statement.setObject(1, now);
            statement.setString(2, hash);
            statement.setObject(3, now);
            statement.setObject(4, now);
            statement.setObject(5, nextId);
            statement.setString(6, nextHash);
            statement.setObject(7, nextExpiresAt);
            statement.setString(8, expectedClientId);
            statement.setString(9, expectedClientId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Rotated(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                        row.getString(4), row.getObject(5, UUID.class), row.getString(9), row.getString(6), row.getBoolean(7),
                        row.getBoolean(8), row.getBoolean(10)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Refresh token rotation failed", e);
        }
    }

    public void revokeFamily(UUID familyId, OffsetDateTime now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(REVOKE_FAMILY)) {
            statement.setObject(1, now);
            statement.setObject(2, familyId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Revoking a refresh token family failed", e);
        }
    }
}
