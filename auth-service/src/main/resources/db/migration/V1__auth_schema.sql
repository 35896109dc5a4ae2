-- auth-service owns the schema "auth"; no other service reads it.

CREATE TABLE tenants (
    id          UUID PRIMARY KEY,
    slug        VARCHAR(63)  NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email               VARCHAR(254) NOT NULL,
    password_hash       VARCHAR(255) NOT NULL,
    role                VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    platform_admin      BOOLEAN      NOT NULL DEFAULT false,
    disabled            BOOLEAN      NOT NULL DEFAULT false,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT users_tenant_email_key UNIQUE (tenant_id, email)
);

-- One row per issued refresh token; a login's tokens share a family.
CREATE TABLE refresh_tokens (
    id                  UUID PRIMARY KEY,
    family_id           UUID         NOT NULL,
    token_hash          CHAR(64)     NOT NULL UNIQUE,
    user_id             UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id           UUID         NOT NULL,
    client_id           VARCHAR(100) NOT NULL,
    scope               VARCHAR(500),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at          TIMESTAMPTZ  NOT NULL,
    family_expires_at   TIMESTAMPTZ  NOT NULL,
    used_at             TIMESTAMPTZ,
    revoked_at          TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE api_keys (
    id              UUID PRIMARY KEY,
    tenant_id       UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_by      UUID         NOT NULL,
    name            VARCHAR(100) NOT NULL,
    prefix          VARCHAR(16)  NOT NULL,
    key_hash        CHAR(64)     NOT NULL UNIQUE,
    role            VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    expires_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at);

-- Service clients registered at run time by a platform admin (others come from configuration).
CREATE TABLE service_clients (
    client_id       VARCHAR(100) PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    secret_hash     CHAR(64)     NOT NULL,
    scopes          VARCHAR(500) NOT NULL,
    disabled        BOOLEAN      NOT NULL DEFAULT false,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Keys generated for local use. Production mounts its key as a file instead.
CREATE TABLE signing_keys (
    kid             VARCHAR(64) PRIMARY KEY,
    algorithm       VARCHAR(10) NOT NULL,
    private_key     TEXT        NOT NULL,
    public_jwk      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    signs_from      TIMESTAMPTZ NOT NULL,
    retired_at      TIMESTAMPTZ
);

CREATE TABLE device_authorizations (
    id                  UUID PRIMARY KEY,
    device_code_hash    CHAR(64)     NOT NULL UNIQUE,
    user_code           CHAR(8)      NOT NULL,
    client_id           VARCHAR(100) NOT NULL,
    scope               VARCHAR(500),
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'consumed')),
    interval_seconds    INT          NOT NULL,
    last_polled_at      TIMESTAMPTZ,
    user_id             UUID,
    tenant_id           UUID,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at          TIMESTAMPTZ  NOT NULL
);
-- A user code is unique among the codes still waiting.
CREATE UNIQUE INDEX device_authorizations_user_code_key ON device_authorizations (user_code) WHERE status = 'pending';

CREATE TABLE user_settings (
    user_id         UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    theme           VARCHAR(50)  NOT NULL DEFAULT 'light',
    language        VARCHAR(10)  NOT NULL DEFAULT 'en',
    default_model   VARCHAR(100),
    settings_data   JSONB,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE audit_events (
    id              BIGSERIAL PRIMARY KEY,
    tenant_id       UUID,
    type            VARCHAR(40)  NOT NULL,
    actor_id        VARCHAR(100),
    actor_email     VARCHAR(254),
    target          VARCHAR(200),
    source_ip       VARCHAR(64),
    details         JSONB,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_tenant_idx ON audit_events (tenant_id, created_at DESC, id DESC);
