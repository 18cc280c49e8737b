-- projections send a batch's inserts a statement at a time (BatchedWrites), not in event order: an observation's
-- meeting may be inserted later in the same transaction, so its reference is checked at commit
ALTER TABLE meeting_observation ALTER CONSTRAINT meeting_observation_meeting_id_fkey DEFERRABLE INITIALLY DEFERRED;

-- the dashboard's at-risk list, newest first, without reading the whole board
CREATE INDEX hypothesis_board_at_risk ON hypothesis_board (last_activity_at DESC) WHERE at_risk;
