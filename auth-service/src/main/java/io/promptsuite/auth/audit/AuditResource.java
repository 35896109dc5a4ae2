package io.promptsuite.auth.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.promptsuite.auth.paging.Paging;
import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.CallerContext;
import io.promptsuite.common.security.Roles;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's security events, newest first, for its admins; platform-level events for platform admins. */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "audit", description = "The security events of the tenant, and of the platform.")
public class AuditResource {

    /** Who acted, on what and from where is unknown for some events (a sign-in to an unknown tenant, the bootstrap). */
    public record AuditView(long id, String type, @Schema(nullable = true) String actorId,
            @Schema(nullable = true) String actorEmail, @Schema(nullable = true) String target,
            @Schema(nullable = true) String sourceIp, Map<String, Object> details, OffsetDateTime createdAt) {

        static AuditView of(AuditEvent e) {
            return new AuditView(e.id, e.type, e.actorId, e.actorEmail, e.target, e.sourceIp,
                    e.details == null ? Map.of() : e.details, e.createdAt);
        }
    }

    @Inject
    AuditRepository repository;

    @Inject
    CallerContext callers;

    @GET
    @Transactional
    @Operation(summary = "List the tenant's security events, newest first, filtered by type, actor and time")
    public Page<AuditView> list(@Valid @BeanParam PageParams page, @QueryParam("type") String type,
            @QueryParam("actor") String actor, @QueryParam("since") String since, @QueryParam("until") String until) {
        return search("tenantId = :tenant", Parameters.with("tenant", callers.tenant()), page, type,
                actor, since, until);
    }

    /**
     * Events that belong to no tenant (signing-key rotation, service clients and their tokens, platform-admin grants,
     * sign-ins to unknown tenants), for platform admins; same filters as the tenant's list.
     */
    @GET
    @Path("/platform")
    @Transactional
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "List the platform's security events (those of no tenant), newest first")
    public Page<AuditView> platform(@Valid @BeanParam PageParams page, @QueryParam("type") String type,
            @QueryParam("actor") String actor, @QueryParam("since") String since, @QueryParam("until") String until) {
        return search("tenantId is null", new Parameters(), page, type, actor, since, until);
    }

    private Page<AuditView> search(String scope, Parameters params, PageParams page, String type, String actor,
            String since, String until) {
        List<String> where = new ArrayList<>(List.of(scope));
        if (type != null && !type.isBlank()) {
            try {
                AuditType.valueOf(type.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("UNKNOWN_EVENT_TYPE", "No such audit event type");
            }
            where.add("type = :type");
            params.and("type", type.trim().toUpperCase(java.util.Locale.ROOT));
        }
        if (actor != null && !actor.isBlank()) {
            where.add("(actorId = :actor or actorEmail = :actor)");
            params.and("actor", actor.trim());
        }
        if (since != null) {
            where.add("createdAt >= :since");
            params.and("since", instant("since", since));
        }
        if (until != null) {
            where.add("createdAt < :until");
            params.and("until", instant("until", until));
        }
        var query = repository.find(String.join(" and ", where), Sort.by("createdAt").descending().and("id", Sort.Direction.Descending), params);
        return Paging.page(query, page).map(AuditView::of);
    }

    /** Years 1 to 9999 only: PostgreSQL can't compare with times outside its range (that would be a 500). */
    private static OffsetDateTime instant(String name, String value) {
        try {
            OffsetDateTime time = OffsetDateTime.parse(value);
            if (time.getYear() < 1 || time.getYear() > 9999) {
                throw ApiException.badRequest("INVALID_TIME", name + " must be between the years 1 and 9999");
            }
            return time;
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_TIME", name + " must be an ISO-8601 time with offset, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
