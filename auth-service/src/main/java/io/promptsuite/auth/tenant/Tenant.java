package io.promptsuite.auth.tenant;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "tenants")
public class Tenant {

    @Id
    public UUID id;

    public String slug;

    public String name;

    /** Set by the code that creates the row, so the answer to the creating request carries it too. */
    @Column(updatable = false)
    public OffsetDateTime createdAt;
}
