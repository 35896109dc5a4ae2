package io.promptsuite.auth.oauth;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A confidential client registered at run time by a platform admin. */
@Entity
@Table(name = "service_clients")
public class ServiceClient {

    @Id
    @Column(name = "client_id")
    public String clientId;

    public String name;

    @Column(name = "secret_hash")
    public String secretHash;

    /** Space-separated. */
    public String scopes;

    public boolean disabled;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
