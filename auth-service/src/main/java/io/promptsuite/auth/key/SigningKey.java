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
    @Column(name = "private_key")
    public String privateKey;

    @Column(name = "public_jwk")
    public String publicJwk;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** Published from creation, signs from this instant: verifiers have cached it by then. */
    @Column(name = "signs_from")
    public OffsetDateTime signsFrom;

    /** When its successor took over; published until its last tokens have expired. */
    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;
}
