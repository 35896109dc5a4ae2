package io.promptsuite.prompt.catalog;

import io.promptsuite.prompt.Prompt;

import java.net.URI;
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
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.promptsuite.prompt.cache.PromptHead;
import io.promptsuite.prompt.cache.PromptHeadCache;
import io.promptsuite.prompt.render.RenderTarget;
import io.promptsuite.prompt.render.Resolver;
import io.promptsuite.prompt.version.VersionDtos;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Prompts themselves; names may hold '/' (send it as is or as %2F). */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "prompts")
public class PromptResource {

    /** A prompt as fetched by label or version: the resolved version, with the prompt around it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromptRead(String name, String tenant, String description, List<String> tags, String visibility,
            Map<String, Integer> labels, Integer latestVersion, VersionDtos.VersionView resolved) {
    }

    @Inject
    PromptService service;

    @Inject
    Resolver resolver;

    @Inject
    PromptHeadCache heads;

    @Inject
    CallerContext callers;

    @Inject
    ObjectMapper json;

    @POST
    @RolesAllowed(Roles.EDITOR)
    public Response create(@Valid @NotNull PromptDtos.CreatePrompt body) {
        Prompt prompt = service.create(callers.caller(), body);
        return Response.created(URI.create("/api/v1/prompts/" + prompt.name)).entity(service.view(prompt)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Page<PromptDtos.PromptView> list(@Valid @BeanParam PageParams page, @QueryParam("prefix") String prefix,
            @QueryParam("tag") String tag, @QueryParam("scope") @DefaultValue("tenant") String scope,
            @QueryParam("deleted") @DefaultValue("false") boolean deleted) {
        if (!"tenant".equals(scope) && !"public".equals(scope)) {
            throw ApiException.badRequest("INVALID_SCOPE", "scope is tenant or public");
        }
        if (deleted) {
            PromptService.requireAdmin(callers.caller(), "Listing deleted prompts");
        }
        return service.list(callers.caller(), prefix, tag, "public".equals(scope), deleted, page).map(service::view);
    }

    /**
     * The prompt with the version a label (default production) or number resolves to, from the caches, with a strong
     * ETag: If-None-Match answers 304.
     */
    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
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
        PromptHead head = target != null ? heads.get(target.tenantId(), name).orElseThrow(() -> PromptService.notFound(name))
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

    @PATCH
    @Path("/{name}")
    @RolesAllowed(Roles.EDITOR)
    public PromptDtos.PromptView update(@PathParam("name") String name, @Valid @NotNull PromptDtos.UpdatePrompt body) {
        return service.view(service.update(callers.caller(), name, body));
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("name") String name) {
        service.delete(callers.caller(), name);
        return Response.noContent().build();
    }

    @POST
    @Path("/{name}/restore")
    @RolesAllowed(Roles.ADMIN)
    public PromptDtos.PromptView restore(@PathParam("name") String name) {
        return service.view(service.restore(callers.caller(), name));
    }

    /**
     * The head of the prompt the request names, for a prompt without the default label: in the owner's tenant when
     * {@code owner} names another tenant (public prompts only), never the caller's own prompt of the same name, and
     * never a private prompt the caller may not read.
     */
    private PromptHead readableHead(Caller caller, String name, String owner) {
        boolean own = owner == null || owner.equals(caller.tenantSlug());
        UUID tenantId = own ? caller.tenant()
                : service.publicPrompt(owner, name).map(p -> p.tenantId).orElseThrow(() -> PromptService.notFound(name));
        PromptHead head = heads.get(tenantId, name).orElseThrow(() -> PromptService.notFound(name));
        boolean readable = own ? !Prompt.PRIVATE.equals(head.visibility()) || caller.has(Roles.EDITOR)
                : Prompt.PUBLIC.equals(head.visibility());
        if (!readable) {
            throw PromptService.notFound(name);
        }
        return head;
    }

    /** {@code ?version=} as a number in range; anything else is a 400 naming it (JAX-RS would answer 404). */
    private static Integer versionNumber(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("[0-9]{1,7}") || Integer.parseInt(text) < 1
                || Integer.parseInt(text) > io.promptsuite.prompt.version.PromptVersion.MAX_NUMBER) {
            throw ApiException.invalidField("version",
                    "must be a whole number from 1 to " + io.promptsuite.prompt.version.PromptVersion.MAX_NUMBER);
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
