package io.promptsuite.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the login API. */
public final class LoginRequests {

    private LoginRequests() {
    }

    public record Login(@NotBlank @Size(max = 63) String tenant, @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 1024) String password) {
    }

    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record Me(String userId, String tenant, String tenantId, String email, java.util.List<String> roles,
            String apiKeyId) {
    }
}
