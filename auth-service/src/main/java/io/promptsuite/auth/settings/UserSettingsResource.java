package io.promptsuite.auth.settings;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in user's preferences: theme, language, default model and free-form JSON. */
@Path("/api/v1/users/me/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "settings", description = "The signed-in user's preferences.")
public class UserSettingsResource {

    static final int MAX_DATA_BYTES = 16 * 1024;

    public record Settings(@Size(min = 1, max = 50) @Pattern(regexp = "[A-Za-z0-9_-]+") String theme,
            @Size(min = 2, max = 10) @Pattern(regexp = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*") String language,
            @Schema(nullable = true) @Size(max = 100) String defaultModel, Map<String, Object> settingsData,
            @Schema(nullable = true, readOnly = true, description = "Null until the settings are first saved.")
            OffsetDateTime updatedAt) {
    }

    @Inject
    UserSettingsRepository repository;

    @Inject
    CallerContext callers;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @GET
    @Transactional
    @Operation(summary = "Read the signed-in user's settings (defaults until saved)")
    public Settings get() {
        UserSettings settings = repository.findById(userId());
        if (settings == null) {
            return new Settings("light", "en", null, Map.of(), null);
        }
        return view(settings);
    }

    /** Replaces the settings; fields left out keep their current value. */
    @PUT
    @Transactional
    @Operation(summary = "Save the signed-in user's settings; fields left out keep their value")
    public Settings put(@Valid @NotNull Settings body) {
        if (body.settingsData() != null && size(body.settingsData()) > MAX_DATA_BYTES) {
            throw ApiException.badRequest("SETTINGS_TOO_LARGE", "settings_data may hold at most 16 KiB of JSON");
        }
        UUID userId = userId();
        UserSettings settings = repository.findById(userId);
        if (settings == null) {
            settings = new UserSettings();
            settings.userId = userId;
            settings.theme = "light";
            settings.language = "en";
        }
        if (body.theme() != null) {
            settings.theme = body.theme();
        }
        if (body.language() != null) {
            settings.language = body.language();
        }
        if (body.defaultModel() != null) {
            settings.defaultModel = body.defaultModel();
        }
        if (body.settingsData() != null) {
            settings.settingsData = body.settingsData();
        }
        settings.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        repository.persist(settings);
        return view(settings);
    }

    private UUID userId() {
        Caller caller = callers.caller();
        if (caller.via() != Caller.Via.TOKEN || caller.tenantId() == null) {
            throw ApiException.forbidden("Settings belong to a signed-in user");
        }
        return UUID.fromString(caller.userId());
    }

    private int size(Map<String, Object> data) {
        try {
            return json.writeValueAsBytes(data).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("INVALID_SETTINGS", "settings_data is not serialisable JSON");
        }
    }

    private static Settings view(UserSettings settings) {
        return new Settings(settings.theme, settings.language, settings.defaultModel,
                settings.settingsData == null ? Map.of() : settings.settingsData, settings.updatedAt);
    }
}
