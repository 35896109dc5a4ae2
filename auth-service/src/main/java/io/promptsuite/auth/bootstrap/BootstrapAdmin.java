package io.promptsuite.auth.bootstrap;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.auth.tenant.TenantRepository;
import io.promptsuite.auth.tenant.TenantService;
import io.promptsuite.auth.token.OpaqueTokens;
import io.promptsuite.common.error.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * On the first start against an empty schema, creates tenant {@code default} and its admin, who is also the platform
 * admin. The password comes from AUTH_BOOTSTRAP_PASSWORD, or is generated and shown once: never a fixed default.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @Inject
    AuthConfig config;

    @Inject
    TenantRepository tenants;

    @Inject
    TenantService tenantService;

    void onStart(@Observes StartupEvent event) {
        if (QuarkusTransaction.requiringNew().call(() -> tenants.count()) > 0) {
            return;
        }
        boolean generated = config.bootstrap().password().isEmpty();
        String password = config.bootstrap().password().orElseGet(() -> "Ps-" + OpaqueTokens.random(18));
        try {
            tenantService.create(config.bootstrap().tenant(), "Default tenant", config.bootstrap().email(), password,
                    null, true);
        } catch (ApiException e) {
            if ("TENANT_EXISTS".equals(e.code())) {
                return; // another instance bootstrapped first
            }
            throw new IllegalStateException("Cannot create the bootstrap admin: " + e.getMessage());
        }
        if (generated) {
            // The one time a secret is written out: there is no other way to hand over the first login.
            LOG.warnf("Bootstrap admin created: tenant '%s', email '%s', password '%s' (shown once; change it)",
                    config.bootstrap().tenant(), config.bootstrap().email(), password);
        } else {
            LOG.infof("Bootstrap admin created: tenant '%s', email '%s', password from AUTH_BOOTSTRAP_PASSWORD",
                    config.bootstrap().tenant(), config.bootstrap().email());
        }
    }
}
