package io.promptsuite.auth.client;

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
    public String clientId;

    public String name;

    public String secretHash;

    /** Space-separated. */
    public String scopes;

    public boolean disabled;

    /** Set by the code that creates the row, so the answer to the creating request carries it too. */
    @Column(updatable = false)
    public OffsetDateTime createdAt;
}
