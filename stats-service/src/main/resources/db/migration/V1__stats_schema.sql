-- stats-service: raw execution events (partitioned by day), the idempotency keys, the not-yet-folded queue,
-- rollups per minute/hour/day, and the price book. See docs/stats.md.

-- Every event id a tenant ever sent (within retention): an id seen again is a duplicate, whatever else it carries.
-- Kept apart from the partitioned events table because a unique key there would have to include the partition key.
CREATE TABLE event_keys (
    tenant_id  uuid        NOT NULL,
    event_id   uuid        NOT NULL,
    started_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);

-- The raw events: the truth every rollup, rebuild, recomputed cost and export is made from.
-- Partitions are one UTC day each (events_pYYYYMMDD), created ahead and dropped for retention by the service.
CREATE TABLE events (
    tenant_id            uuid          NOT NULL,
    event_id             uuid          NOT NULL,
    started_at           timestamptz   NOT NULL,
    prompt               text          NOT NULL,
    version              integer       NOT NULL,
    label                text          NOT NULL DEFAULT '',   -- '' when the execution named no label
    model                text          NOT NULL,
    provider             text          NOT NULL,
    is_error             boolean       NOT NULL,
    error_code           text,
    latency_ms           integer       NOT NULL,
    ttft_ms              integer,
    input_tokens         bigint        NOT NULL,              -- includes cached_input_tokens and cache_write_tokens
    cached_input_tokens  bigint        NOT NULL DEFAULT 0,
    cache_write_tokens   bigint        NOT NULL DEFAULT 0,
    output_tokens        bigint        NOT NULL,              -- includes reasoning_tokens
    reasoning_tokens     bigint        NOT NULL DEFAULT 0,
    cost                 numeric(24,12) NOT NULL DEFAULT 0,
    cost_given           boolean       NOT NULL,              -- true: the caller sent the cost; a price change never touches it
    user_id              text,
    metadata             jsonb,
    received_at          timestamptz   NOT NULL DEFAULT now()
) PARTITION BY RANGE (started_at);

CREATE INDEX events_tenant_started ON events (tenant_id, started_at);

-- Accepted events not yet folded into the rollups. Ingest writes here in the same transaction as `events`; the
-- folder deletes what it folds in the transaction that writes the rollups. A query reads rollups plus this table in
-- one snapshot, so its totals are exact the moment an ingest commits, never counting an event twice.
CREATE TABLE pending (
    tenant_id            uuid          NOT NULL,
    event_id             uuid          NOT NULL,
    started_at           timestamptz   NOT NULL,
    prompt               text          NOT NULL,
    version              integer       NOT NULL,
    label                text          NOT NULL,
    model                text          NOT NULL,
    user_id              text,
    is_error             boolean       NOT NULL,
    latency_ms           integer       NOT NULL,
    input_tokens         bigint        NOT NULL,
    cached_input_tokens  bigint        NOT NULL,
    output_tokens        bigint        NOT NULL,
    reasoning_tokens     bigint        NOT NULL,
    cost                 numeric(24,12) NOT NULL
);

-- Rollups: one row per tenant, bucket (UTC start) and dimension combination. `sketch` is a serialised DDSketch of
-- the latencies (relative accuracy 0.5 %), merged across rows for any range.
CREATE TABLE rollup_minute (
    tenant_id            uuid          NOT NULL,
    bucket               timestamptz   NOT NULL,
    prompt               text          NOT NULL,
    version              integer       NOT NULL,
    label                text          NOT NULL,
    model                text          NOT NULL,
    calls                bigint        NOT NULL,
    errors               bigint        NOT NULL,
    latency_sum          bigint        NOT NULL,
    latency_min          integer       NOT NULL,
    latency_max          integer       NOT NULL,
    input_tokens         bigint        NOT NULL,
    cached_input_tokens  bigint        NOT NULL,
    output_tokens        bigint        NOT NULL,
    reasoning_tokens     bigint        NOT NULL,
    cost                 numeric(24,12) NOT NULL,
    sketch               bytea         NOT NULL,
    PRIMARY KEY (tenant_id, bucket, prompt, version, label, model)
);
CREATE TABLE rollup_hour (LIKE rollup_minute INCLUDING ALL);
CREATE TABLE rollup_day (LIKE rollup_minute INCLUDING ALL);

-- Per-user rollups by UTC hour, only for "top users": users are the high-cardinality dimension.
CREATE TABLE rollup_user_hour (
    tenant_id            uuid          NOT NULL,
    bucket               timestamptz   NOT NULL,
    user_id              text          NOT NULL,
    calls                bigint        NOT NULL,
    errors               bigint        NOT NULL,
    latency_sum          bigint        NOT NULL,
    latency_max          integer       NOT NULL,
    input_tokens         bigint        NOT NULL,
    output_tokens        bigint        NOT NULL,
    cost                 numeric(24,12) NOT NULL,
    sketch               bytea         NOT NULL,
    PRIMARY KEY (tenant_id, bucket, user_id)
);

-- The price book. tenant_id NULL: the default book shipped with the service (loaded at start). A tenant's entry
-- wins over a default one for the same model; among matching entries the most specific pattern wins, and for one
-- pattern the latest effective_from at or before the event's start.
CREATE TABLE prices (
    id                    uuid          PRIMARY KEY,
    tenant_id             uuid,
    model_pattern         text          NOT NULL,
    provider              text,
    effective_from        timestamptz   NOT NULL,
    input_per_mtok        numeric(18,6) NOT NULL,
    cached_input_per_mtok numeric(18,6),
    cache_write_per_mtok  numeric(18,6),
    output_per_mtok       numeric(18,6) NOT NULL,
    reasoning_per_mtok    numeric(18,6),
    tiers                 jsonb         NOT NULL DEFAULT '[]',
    created_at            timestamptz   NOT NULL DEFAULT now(),
    updated_at            timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT prices_unique UNIQUE NULLS NOT DISTINCT (tenant_id, model_pattern, provider, effective_from)
);

-- A tenant may keep its events for less than the service-wide retention.
CREATE TABLE tenant_settings (
    tenant_id       uuid        PRIMARY KEY,
    retention_days  integer     NOT NULL CHECK (retention_days > 0),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
