package io.promptsuite.prompt.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.RenderLimits;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.VersionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Differences between two versions: a unified diff of the template (or of the messages), the schema changes with the
 * ones that break existing callers flagged, and the config keys added, removed and changed.
 */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "diff")
public class DiffResource {

    public record SchemaChange(String path, String change, boolean breaking, @Schema(nullable = true) String detail) {
    }

    public record ConfigChange(String key, Object from, Object to) {
    }

    /** {@code truncated}: the template diff covers only the first lines of each side (see docs/prompts.md, limits). */
    public record DiffView(String name, int from, int to, boolean breaking, String templateDiff, boolean truncated,
            List<SchemaChange> schemaChanges, List<ConfigChange> configChanges) {
    }

    @Inject
    VersionService versions;

    @Inject
    CallerContext callers;

    @Inject
    RenderLimits limits;

    @GET
    @Path("/{name}/diff")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Compare two versions: template, variables schema (breaking changes flagged) and config")
    @APIResponse(responseCode = "422", description = "The diff would cost more than the service spends on one (DIFF_TOO_EXPENSIVE)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "200", description = "The differences",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DiffView.class)))
    public DiffView diff(@PathParam("name") String name, @QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        if (from == null || to == null || from < 1 || to < 1) {
            throw ApiException.badRequest("VALIDATION_FAILED", "from and to must both be version numbers");
        }
        var caller = callers.caller();
        PromptVersion a = versions.get(caller, name, from);
        PromptVersion b = versions.get(caller, name, to);
        // One line more than a diff compares, so that a cut shows as truncated.
        List<String> left = lines(a, limits.diffMaxLines() + 1);
        List<String> right = lines(b, limits.diffMaxLines() + 1);
        TemplateDiff.Result unified = TemplateDiff.unified(name + "@" + from, name + "@" + to, left, right,
                limits.diffMaxLines(), limits.diffMaxChars(), limits.diffTimeout().toNanos());
        List<SchemaChange> schema = SchemaDiff.compare(a.variablesSchema, b.variablesSchema).stream()
                .map(c -> new SchemaChange(c.path(), c.change(), c.breaking(), c.detail())).toList();
        List<ConfigChange> config = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(a.config.keySet());
        keys.addAll(b.config.keySet());
        for (String key : keys) {
            if (!Objects.equals(a.config.get(key), b.config.get(key))) {
                config.add(new ConfigChange(key, a.config.get(key), b.config.get(key)));
            }
        }
        boolean breaking = schema.stream().anyMatch(SchemaChange::breaking) || !a.type.equals(b.type);
        return new DiffView(name, from, to, breaking, unified.unified(), unified.truncated(), schema, config);
    }

    /** The lines of a version, at most {@code limit} of them (a diff compares no more; the rest is never split). */
    private static List<String> lines(PromptVersion v, int limit) {
        List<String> lines = new ArrayList<>();
        if (PromptVersion.TEXT.equals(v.type)) {
            addLines(v.template, lines, limit);
            return lines;
        }
        for (Map<String, String> message : v.messages) {
            if (lines.size() >= limit) {
                break;
            }
            lines.add("[" + message.get("role") + "]");
            addLines(message.get("content"), lines, limit);
        }
        return lines;
    }

    private static void addLines(String text, List<String> lines, int limit) {
        int from = 0;
        while (lines.size() < limit) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                lines.add(text.substring(from));
                return;
            }
            lines.add(text.substring(from, end));
            from = end + 1;
        }
    }

}
