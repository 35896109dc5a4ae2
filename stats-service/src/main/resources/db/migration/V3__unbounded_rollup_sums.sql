-- A rollup's cost is a sum over any number of events: a fixed precision would let one tenant's sums overflow and stop
-- the fold for every tenant. Per-event costs keep numeric(24,12); their sums are unbounded.
ALTER TABLE rollup_minute ALTER COLUMN cost TYPE numeric;
ALTER TABLE rollup_hour ALTER COLUMN cost TYPE numeric;
ALTER TABLE rollup_day ALTER COLUMN cost TYPE numeric;
ALTER TABLE rollup_user_hour ALTER COLUMN cost TYPE numeric;
