package io.promptsuite.auth.key;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.promptsuite.auth.audit.AuditLog;
import io.promptsuite.auth.audit.AuditType;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signing keys for platform admins: see them, rotate them. */
@Path("/api/v1/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Tag(name = "signing-keys", description = "The keys that sign access tokens, for platform admins.")
public class SigningKeyResource {

    public record KeyView(String kid, String algorithm, Instant signsFrom,
            @Schema(nullable = true, description = "When the key stopped signing; null while it signs or will.")
            Instant retiredAt,
            boolean signing) {

        static KeyView of(KeyMaterial key, String signingKid) {
            return new KeyView(key.kid(), "RS256", key.signsFrom(), key.retiredAt(), key.kid().equals(signingKid));
        }
    }

    @Inject
    SigningKeyService keys;

    @Inject
    CallerContext callers;

    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "List the published signing keys and which one signs now")
    public List<KeyView> list() {
        String signing = keys.signingKey().kid();
        return keys.keys().stream().map(key -> KeyView.of(key, signing)).toList();
    }

    /** Publishes a new key now; it signs after auth.signing.publish-ahead, and the current one retires then. */
    @POST
    @Path("/rotate")
    @Operation(summary = "Publish a new signing key, which signs after the publish-ahead period")
    @APIResponse(responseCode = "200", description = "The new key.")
    @APIResponse(responseCode = "409",
            description = "Keys come from mounted files and rotate by mounting (`KEYS_FROM_FILE`).")
    public KeyView rotate() {
        KeyMaterial next = keys.rotate();
        audit.record(null, AuditType.SIGNING_KEY_ROTATED, callers.caller().userId(), null, next.kid(),
                Map.of("signs_from", next.signsFrom().toString()));
        return KeyView.of(next, keys.signingKey().kid());
    }
}
