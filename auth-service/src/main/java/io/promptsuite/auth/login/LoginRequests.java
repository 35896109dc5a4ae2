package io.promptsuite.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the login API. */
public final class LoginRequests {

    private LoginRequests() {
    }

    public record Login(@NotBlank @Size(max = 63) String tenant, @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 1024) String password) {
    }

    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    /** A platform-level caller (a service client) has no tenant and no email; only an API key has an id here. */
    public record Me(String userId, @Schema(nullable = true) String tenant, @Schema(nullable = true) String tenantId,
            @Schema(nullable = true) String email, java.util.List<String> roles,
            @Schema(nullable = true, description = "The API key the caller used, if it used one.") String apiKeyId) {
    }
}
