package io.promptsuite.auth.client;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ServiceClientRepository implements PanacheRepositoryBase<ServiceClient, String> {
}
