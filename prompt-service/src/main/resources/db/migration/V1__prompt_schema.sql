-- prompt-service owns the schema "prompt"; no other service reads it.

CREATE TABLE prompts (
    id              UUID PRIMARY KEY,
    tenant_id       UUID         NOT NULL,
    tenant_slug     VARCHAR(63)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    description     VARCHAR(2000),
    tags            JSONB        NOT NULL DEFAULT '[]',
    visibility      VARCHAR(10)  NOT NULL CHECK (visibility IN ('private', 'tenant', 'public')),
    created_by      VARCHAR(100) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at      TIMESTAMPTZ,
    -- Version numbers are handed out from here, so a deleted draft's number is never reused.
    last_version    INT          NOT NULL DEFAULT 0,
    CONSTRAINT prompts_tenant_name_key UNIQUE (tenant_id, name)
);
CREATE INDEX prompts_tenant_name_idx ON prompts (tenant_id, name text_pattern_ops);
CREATE INDEX prompts_public_idx ON prompts (visibility) WHERE visibility = 'public' AND deleted_at IS NULL;

CREATE TABLE prompt_versions (
    id                  UUID PRIMARY KEY,
    prompt_id           UUID         NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    tenant_id           UUID         NOT NULL,
    version             INT          NOT NULL,
    type                VARCHAR(4)   NOT NULL CHECK (type IN ('text', 'chat')),
    template            TEXT,
    messages            JSONB,
    variables_schema    JSONB        NOT NULL,
    config              JSONB        NOT NULL DEFAULT '{}',
    commit_message      VARCHAR(2000),
    status              VARCHAR(10)  NOT NULL CHECK (status IN ('draft', 'published')),
    created_by          VARCHAR(100) NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at        TIMESTAMPTZ,
    published_by        VARCHAR(100),
    CONSTRAINT prompt_versions_prompt_version_key UNIQUE (prompt_id, version)
);

CREATE TABLE labels (
    prompt_id       UUID         NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    name            VARCHAR(63)  NOT NULL,
    tenant_id       UUID         NOT NULL,
    version         INT          NOT NULL,
    protected       BOOLEAN      NOT NULL DEFAULT false,
    updated_by      VARCHAR(100) NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (prompt_id, name)
);

CREATE TABLE label_history (
    id              BIGSERIAL PRIMARY KEY,
    prompt_id       UUID         NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    tenant_id       UUID         NOT NULL,
    label           VARCHAR(63)  NOT NULL,
    action          VARCHAR(16)  NOT NULL,
    from_version    INT,
    to_version      INT,
    reason          VARCHAR(500),
    actor_id        VARCHAR(100) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX label_history_prompt_idx ON label_history (prompt_id, label, id DESC);

CREATE TABLE prompt_audit (
    id              BIGSERIAL PRIMARY KEY,
    tenant_id       UUID         NOT NULL,
    prompt_id       UUID         NOT NULL,
    prompt_name     VARCHAR(200) NOT NULL,
    action          VARCHAR(32)  NOT NULL,
    version         INT,
    label           VARCHAR(63),
    actor_id        VARCHAR(100) NOT NULL,
    details         JSONB,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX prompt_audit_prompt_idx ON prompt_audit (prompt_id, id DESC);
