package io.promptsuite.prompt.label;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A movable name (production, staging, …) pointing at a published version. */
@Entity
@Table(name = "labels")
@IdClass(Label.Key.class)
public class Label {

    @Id
    public UUID promptId;

    @Id
    public String name;

    public UUID tenantId;

    public int version;

    @Column(name = "protected")
    public boolean isProtected;

    public String updatedBy;

    public OffsetDateTime updatedAt;

    public static class Key implements Serializable {
        public UUID promptId;
        public String name;

        public Key() {
        }

        public Key(UUID promptId, String name) {
            this.promptId = promptId;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(promptId, k.promptId) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(promptId, name);
        }
    }
}
