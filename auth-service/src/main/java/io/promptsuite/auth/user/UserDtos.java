package io.promptsuite.auth.user;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the users API reads and answers. */
public final class UserDtos {

    private UserDtos() {
    }

    public record CreateUser(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password,
            @NotBlank String role) {
    }

    public record UpdateUser(@Schema(nullable = true) String role, @Schema(nullable = true) Boolean disabled) {
    }

    public record ChangePassword(@NotBlank @Size(max = 1024) String currentPassword,
            @NotBlank @Size(max = 1024) String newPassword) {
    }

    public record UserView(String id, String tenantId, String email, String role, List<String> roles, boolean disabled,
            OffsetDateTime createdAt, @Schema(nullable = true, description = "Null until the user is first changed.")
            OffsetDateTime updatedAt) {

        public static UserView of(User user) {
            return new UserView(user.id.toString(), user.tenantId.toString(), user.email, user.role, user.roles(),
                    user.disabled, user.createdAt, user.updatedAt);
        }
    }
}
