-- Executions reported to prompt-service, waiting to be delivered to stats-service (the transactional outbox).
-- A row is written in the transaction that checked the prompt and version, and deleted only in the transaction that
-- saw stats-service answer 2xx for it; a row stats-service refused for itself (a 400 naming its index) stays as a
-- dead letter (failed_at, last_error) for an operator to look at, and the relay skips it.
CREATE TABLE execution_outbox (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   UUID         NOT NULL,
    event_id    UUID         NOT NULL,
    -- The event exactly as stats-service's batch endpoint takes it, tenant_id and prompt included.
    event       JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    attempts    INT          NOT NULL DEFAULT 0,
    failed_at   TIMESTAMPTZ,
    last_error  VARCHAR(500)
);
-- What the relay claims, oldest first; dead letters drop out of it.
CREATE INDEX execution_outbox_waiting_idx ON execution_outbox (id) WHERE failed_at IS NULL;
CREATE INDEX execution_outbox_dead_idx ON execution_outbox (tenant_id, failed_at) WHERE failed_at IS NOT NULL;
