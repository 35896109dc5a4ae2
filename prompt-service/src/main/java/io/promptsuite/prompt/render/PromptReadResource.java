package io.promptsuite.prompt.render;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.PromptAccess;
import io.promptsuite.prompt.PromptRepository;
import io.promptsuite.prompt.cache.PromptHead;
import io.promptsuite.prompt.cache.PromptHeadCache;
import io.promptsuite.prompt.version.PromptVersion;
import io.promptsuite.prompt.version.VersionDtos;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A prompt read by label or version, the way clients fetch what they are about to render: resolved like a render,
 * from the same caches, with a strong ETag.
 */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "prompts")
public class PromptReadResource {

    /** A prompt as fetched by label or version: the resolved version, with the prompt around it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromptRead(String name, String tenant, String description, List<String> tags, String visibility,
            Map<String, Integer> labels, Integer latestVersion, VersionDtos.VersionView resolved) {
    }

    @Inject
    Resolver resolver;

    @Inject
    PromptHeadCache heads;

    @Inject
    PromptRepository prompts;

    @Inject
    PromptAccess access;

    @Inject
    CallerContext callers;

    @Inject
    ObjectMapper json;

    /**
     * The prompt with the version a label (default production) or number resolves to, from the caches, with a strong
     * ETag: If-None-Match answers 304.
     */
    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Read a prompt by label (default production) or version, as clients fetch what they render")
    @APIResponse(responseCode = "200", description = "The prompt, with the version the label or number resolves to",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PromptRead.class)),
            headers = { @Header(name = "ETag", description = "A strong tag of this answer; send it back as If-None-Match",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "304", description = "The If-None-Match tag still matches",
            headers = @Header(name = "ETag", description = "The current tag", schema = @Schema(type = SchemaType.STRING)))
    public Response get(@PathParam("name") String name, @QueryParam("label") String label,
            @QueryParam("version") String versionText, @QueryParam("owner") String owner,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        var caller = callers.caller();
        Integer version = versionNumber(versionText);
        RenderTarget target;
        try {
            target = resolver.resolve(caller, name, owner, label, version);
        } catch (ApiException e) {
            // Without an explicit label or version, a prompt with nothing in production is still worth showing.
            if (label != null || version != null || !"LABEL_NOT_FOUND".equals(e.code())) {
                throw e;
            }
            target = null;
        }
        PromptHead head = target != null ? heads.get(target.tenantId(), name).orElseThrow(() -> access.notFound(name))
                : readableHead(caller, name, owner);
        VersionDtos.VersionView resolved = target == null ? null
                : target.published() != null ? VersionDtos.VersionView.of(name, target.published(), target.label())
                        : VersionDtos.VersionView.of(name, target.draft());
        PromptRead body = new PromptRead(head.name(), head.tenantSlug(), head.description(), head.tags(), head.visibility(),
                head.labels(), head.latest(), resolved);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        EntityTag etag = new EntityTag(sha256(bytes));
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || matches(ifNoneMatch, etag))) {
            return Response.notModified(etag).build();
        }
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).tag(etag).header("Cache-Control", "private, no-cache").build();
    }

    /**
     * The head of the prompt the request names, for a prompt without the default label: in the owner's tenant when
     * {@code owner} names another tenant (public prompts only), never the caller's own prompt of the same name, and
     * never a private prompt the caller may not read.
     */
    private PromptHead readableHead(Caller caller, String name, String owner) {
        boolean own = owner == null || owner.equals(caller.tenantSlug());
        UUID tenantId = own ? caller.tenant()
                : QuarkusTransaction.requiringNew().call(() -> prompts.findPublic(owner, name)).map(p -> p.tenantId)
                        .orElseThrow(() -> access.notFound(name));
        PromptHead head = heads.get(tenantId, name).orElseThrow(() -> access.notFound(name));
        if (!access.mayRead(caller, head.tenantId(), head.visibility())) {
            throw access.notFound(name);
        }
        return head;
    }

    /** {@code ?version=} as a number in range; anything else is a 400 naming it (JAX-RS would answer 404). */
    private static Integer versionNumber(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("[0-9]{1,7}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > PromptVersion.MAX_NUMBER) {
            throw ApiException.invalidField("version", "must be a whole number from 1 to " + PromptVersion.MAX_NUMBER);
        }
        return Integer.parseInt(text);
    }

    private static boolean matches(String header, EntityTag etag) {
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("\"" + etag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
