-- Everything belongs to one workspace. The views start over from the topic, where events recorded before workspaces
-- existed read as workspace 'default', so every column below is filled on the rebuild.
DELETE FROM TokenEntry;
DELETE FROM projection_cursor;
TRUNCATE meeting_evidence, meeting_observation, meeting, hypothesis_journal, hypothesis_meeting,
         hypothesis_observation, hypothesis_board, decision_log;

ALTER TABLE meeting ADD COLUMN workspace_id VARCHAR(40) NOT NULL;
ALTER TABLE meeting_observation ADD COLUMN workspace_id VARCHAR(40) NOT NULL;
-- the citing hypothesis's workspace
ALTER TABLE meeting_evidence ADD COLUMN workspace_id VARCHAR(40) NOT NULL;
ALTER TABLE hypothesis_journal ADD COLUMN workspace_id VARCHAR(40) NOT NULL;
ALTER TABLE hypothesis_board ADD COLUMN workspace_id VARCHAR(40) NOT NULL;
ALTER TABLE decision_log ADD COLUMN workspace_id VARCHAR(40) NOT NULL;
-- the cited meeting's workspace
ALTER TABLE hypothesis_meeting ADD COLUMN workspace_id VARCHAR(40) NOT NULL;
ALTER TABLE hypothesis_observation ADD COLUMN workspace_id VARCHAR(40) NOT NULL;

-- which workspaces may read a meeting besides its own; a share that ended keeps its row, with unshared_at
CREATE TABLE meeting_share (
    meeting_id         VARCHAR(64) NOT NULL,
    workspace_id       VARCHAR(40) NOT NULL,
    -- the meeting's own workspace, so that the share's policy need not read the meeting (whose policy reads this)
    owner_workspace_id VARCHAR(40) NOT NULL,
    shared_at          TIMESTAMPTZ NOT NULL,
    unshared_at        TIMESTAMPTZ,
    PRIMARY KEY (meeting_id, workspace_id)
);
CREATE INDEX meeting_share_by_workspace ON meeting_share (workspace_id, meeting_id) WHERE unshared_at IS NULL;

-- every list read filters by workspace first
DROP INDEX meeting_by_organization;
DROP INDEX meeting_by_time;
CREATE INDEX meeting_by_organization ON meeting (workspace_id, organization);
CREATE INDEX meeting_by_time ON meeting (workspace_id, occurred_at DESC);
CREATE INDEX meeting_evidence_by_workspace ON meeting_evidence (workspace_id, meeting_id);
DROP INDEX hypothesis_journal_by_time;
CREATE INDEX hypothesis_journal_by_time ON hypothesis_journal (workspace_id, occurred_at);
DROP INDEX hypothesis_board_by_activity;
DROP INDEX hypothesis_board_by_confidence;
DROP INDEX hypothesis_board_by_status;
DROP INDEX hypothesis_board_at_risk;
CREATE INDEX hypothesis_board_by_activity ON hypothesis_board (workspace_id, last_activity_at DESC);
CREATE INDEX hypothesis_board_by_confidence ON hypothesis_board (workspace_id, confidence DESC);
CREATE INDEX hypothesis_board_by_status ON hypothesis_board (workspace_id, status);
CREATE INDEX hypothesis_board_at_risk ON hypothesis_board (workspace_id, last_activity_at DESC) WHERE at_risk;
DROP INDEX decision_log_by_time;
CREATE INDEX decision_log_by_time ON decision_log (workspace_id, decided_at DESC);

-- The second wall: the query API reads as insight_reader, which sees only rows of the workspaces the connection names
-- in insight.workspaces (comma-separated; unset or empty: none). Roles belong to the whole cluster, hence "if absent";
-- the application's user becomes a member so that it may SET ROLE to it (a superuser would bypass every policy). Where
-- a DBA made the role and the membership beforehand, the application's user needs neither CREATEROLE nor ADMIN on it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'insight_reader') THEN
        CREATE ROLE insight_reader NOLOGIN;
    END IF;
    IF NOT pg_has_role(current_user, 'insight_reader', 'SET') THEN
        GRANT insight_reader TO CURRENT_USER;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO insight_reader', current_schema());
END
$$;

CREATE FUNCTION readable_workspaces() RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    SELECT string_to_array(coalesce(current_setting('insight.workspaces', true), ''), ',')
$$;

GRANT SELECT ON meeting, meeting_observation, meeting_evidence, meeting_share, hypothesis_journal, hypothesis_board,
                decision_log, hypothesis_meeting, hypothesis_observation TO insight_reader;

ALTER TABLE meeting_share ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON meeting_share FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces()) OR owner_workspace_id = ANY (readable_workspaces()));

-- a meeting is read in its own workspace, and in those it is shared with until the share ends
ALTER TABLE meeting ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON meeting FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces())
           OR EXISTS (SELECT 1 FROM meeting_share s
                      WHERE s.meeting_id = meeting.meeting_id AND s.workspace_id = ANY (readable_workspaces())
                        AND s.unshared_at IS NULL));

-- an observation is read wherever its meeting is
ALTER TABLE meeting_observation ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON meeting_observation FOR SELECT TO insight_reader
    USING (EXISTS (SELECT 1 FROM meeting m WHERE m.meeting_id = meeting_observation.meeting_id));

ALTER TABLE meeting_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON meeting_evidence FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces()));

ALTER TABLE hypothesis_journal ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON hypothesis_journal FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces()));

ALTER TABLE hypothesis_board ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON hypothesis_board FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces()));

ALTER TABLE decision_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON decision_log FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces()));

-- a cited meeting's title, organisation and quotes stay in the citing hypothesis's history, shared or not any more
ALTER TABLE hypothesis_meeting ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON hypothesis_meeting FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces())
           OR EXISTS (SELECT 1 FROM hypothesis_journal j WHERE j.meeting_id = hypothesis_meeting.meeting_id));

ALTER TABLE hypothesis_observation ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON hypothesis_observation FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces())
           OR EXISTS (SELECT 1 FROM hypothesis_journal j WHERE j.meeting_id = hypothesis_observation.meeting_id));
