package io.promptsuite.common.security;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import io.promptsuite.common.request.LoggingContext;

/** Builds the security identity of a verified caller, with its roles expanded for {@code @RolesAllowed}. */
final class CallerIdentities {

    private CallerIdentities() {
    }

    static SecurityIdentity of(Caller caller) {
        LoggingContext.caller(caller.tenantId(), caller.userId());
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.userId()))
                .addRoles(Roles.expand(caller.roles()))
                .addAttribute(CallerContext.ATTRIBUTE, caller)
                .build();
    }
}
