package io.promptsuite.prompt.version;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One version of a prompt. A draft may change; once published it never does. */
@Entity
@Table(name = "prompt_versions")
public class PromptVersion {

    public static final String DRAFT = "draft";
    public static final String PUBLISHED = "published";
    public static final String TEXT = "text";
    public static final String CHAT = "chat";
    /** Version numbers run from 1 to this; imports can't jump past it and creates stop there. */
    public static final int MAX_NUMBER = 1_000_000;

    @Id
    public UUID id;

    public UUID promptId;

    public UUID tenantId;

    public int version;

    public String type;

    public String template;

    /** Chat prompts: ordered {role, content} messages, each content a template. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Map<String, String>> messages;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> variablesSchema;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> config;

    public String commitMessage;

    public String status;

    public String createdBy;

    public OffsetDateTime createdAt;

    public OffsetDateTime updatedAt;

    public OffsetDateTime publishedAt;

    public String publishedBy;

    public boolean published() {
        return PUBLISHED.equals(status);
    }
}
