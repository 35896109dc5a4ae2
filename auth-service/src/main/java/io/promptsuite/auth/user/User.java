package io.promptsuite.auth.user;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.promptsuite.common.security.Roles;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "users")
public class User {

    @Id
    public UUID id;

    public UUID tenantId;

    public String email;

    public String passwordHash;

    public String role;

    public boolean platformAdmin;

    public boolean disabled;

    /** Set by the code that creates the row, so the answer to the creating request carries it too. */
    @Column(updatable = false)
    public OffsetDateTime createdAt;

    public OffsetDateTime updatedAt;

    /** The roles as granted: the tenant role, plus platform-admin where held. */
    public List<String> roles() {
        List<String> roles = new ArrayList<>();
        roles.add(role);
        if (platformAdmin) {
            roles.add(Roles.PLATFORM_ADMIN);
        }
        return roles;
    }
}
