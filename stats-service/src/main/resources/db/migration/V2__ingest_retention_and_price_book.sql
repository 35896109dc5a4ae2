-- Retention deletes expired idempotency keys by age; without this index each run would scan every key.
CREATE INDEX event_keys_started ON event_keys (started_at);
-- Per-minute rollups expire sooner than the others and are the largest rollup table.
CREATE INDEX rollup_minute_bucket ON rollup_minute (bucket);

-- One counter moved by every change to the price book, in the changing transaction: each instance compares it with
-- the version it holds and reloads its in-memory book when they differ. Changes also queue behind its row lock, so
-- the per-tenant entry limit can't be overrun by writers racing each other.
CREATE TABLE price_book_version (
    id       integer PRIMARY KEY CHECK (id = 1),
    version  bigint  NOT NULL
);
INSERT INTO price_book_version (id, version) VALUES (1, 0);
