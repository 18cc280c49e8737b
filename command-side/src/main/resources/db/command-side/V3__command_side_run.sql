-- Each start of the command side, and whether it stopped cleanly. A run without stopped_at is either running now or
-- ended without a graceful shutdown (kill -9, a crash, power lost): the next start reconciles the topic with the event
-- store, and deletes the run once that succeeded. Runs that stopped cleanly are deleted at the next start.
CREATE TABLE command_side_run (
    run_id     VARCHAR(36) NOT NULL PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    stopped_at TIMESTAMPTZ
);
