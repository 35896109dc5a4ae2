package io.promptsuite.common.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The suite's roles. Tenant roles are ordered (admin includes editor includes viewer), so a resource can say
 * {@code @RolesAllowed(Roles.VIEWER)} and mean "any member of the tenant".
 */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String EDITOR = "editor";
    public static final String VIEWER = "viewer";
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Held by service clients authenticated with the client-credentials grant. */
    public static final String SERVICE = "service";

    public static final List<String> TENANT_ROLES = List.of(ADMIN, EDITOR, VIEWER);

    private Roles() {
    }

    public static boolean isTenantRole(String role) {
        return TENANT_ROLES.contains(role);
    }

    /** The lower of two tenant roles: what a key holds when its creator now holds less than the key was given. */
    public static String lower(String a, String b) {
        return TENANT_ROLES.indexOf(a) >= TENANT_ROLES.indexOf(b) ? a : b;
    }

    /** The roles as granted plus every tenant role they include. */
    public static Set<String> expand(Collection<String> granted) {
        Set<String> all = new LinkedHashSet<>(granted);
        if (all.contains(ADMIN)) {
            all.add(EDITOR);
        }
        if (all.contains(EDITOR)) {
            all.add(VIEWER);
        }
        return all;
    }
}
