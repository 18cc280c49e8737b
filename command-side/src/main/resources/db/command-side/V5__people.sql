-- The people meetings name: which workspace each belongs to, when a meeting last named them (for retention) and
-- whether they were erased. Holds no personal data: names and roles live only sealed, in the events.
CREATE TABLE person_lookup (
    person_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(64) NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    erased_at    TIMESTAMPTZ
);
CREATE INDEX person_lookup_for_retention ON person_lookup (workspace_id, last_seen_at) WHERE erased_at IS NULL;

-- when each meeting took place, so that a person named in a later correction counts as seen then
ALTER TABLE meeting_lookup ADD COLUMN occurred_at TIMESTAMPTZ;
