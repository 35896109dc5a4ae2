package io.promptsuite.auth.key;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signing key generated for local use; production mounts its key as a file instead. */
@Entity
@Table(name = "signing_keys")
public class SigningKey {

    @Id
    public String kid;

    public String algorithm;

    /** PKCS#8, base64. */
    public String privateKey;

    public String publicJwk;

    @Column(insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** Published from creation, signs from this instant: verifiers have cached it by then. */
    public OffsetDateTime signsFrom;

    /** When its successor took over; published until its last tokens have expired. */
    public OffsetDateTime retiredAt;
}
