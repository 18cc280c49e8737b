-- Events a projection could not apply, parked instead of skipped or retried for ever. They are kept per projection and
-- aggregate in the order they arrived: once one of an aggregate's events is parked, its later events wait behind it
-- (cause is null for those), so the aggregate's order holds while every other aggregate flows. A letter is parked in
-- the same transaction as the processor's token, so nothing between the two can be lost.
CREATE TABLE dead_letter (
    id              BIGSERIAL   NOT NULL PRIMARY KEY,
    projection      VARCHAR(100) NOT NULL,
    -- the aggregate whose order it keeps (for an unreadable record without one: a name of its own)
    aggregate_id    TEXT        NOT NULL,
    sequence_number BIGINT,
    event_type      TEXT,
    event_id        TEXT,
    -- the record's value as on the topic (the envelope), read again on every retry
    record          BYTEA       NOT NULL,
    topic_partition INTEGER,
    topic_offset    BIGINT,
    cause           TEXT,
    enqueued_at     TIMESTAMPTZ NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    last_attempt_at TIMESTAMPTZ,
    next_attempt_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX dead_letter_by_aggregate ON dead_letter (projection, aggregate_id, id);
CREATE INDEX dead_letter_by_due_time ON dead_letter (next_attempt_at);
