-- People are data subjects: attendees and speakers have ids, their names and roles arrive sealed and are opened here
-- with their keys; an erasure or a redaction purges what this database holds of them (docs/privacy.md). The meetings
-- views start over from the topic, to learn every attendee's and speaker's id.
DELETE FROM TokenEntry WHERE processorName = 'meetings';
DELETE FROM projection_cursor WHERE projection = 'meetings';
TRUNCATE meeting_evidence, meeting_observation, meeting_share, meeting;

ALTER TABLE meeting ADD COLUMN redacted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE meeting_observation ADD COLUMN speaker_id VARCHAR(64);
-- a redacted meeting's unnamed speakers, and erased speakers, have no role any more
ALTER TABLE meeting_observation ALTER COLUMN speaker_role DROP NOT NULL;
CREATE INDEX meeting_observation_by_speaker ON meeting_observation (speaker_id) WHERE speaker_id IS NOT NULL;
CREATE INDEX meeting_by_attendee ON meeting USING GIN (attendees jsonb_path_ops);

-- the people meetings named, by id, and whether they were erased: their names and roles are read from the meetings
-- that name them (as written there), so that an erasure has one place per copy to purge
CREATE TABLE person (
    person_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(40) NOT NULL,
    erased_at    TIMESTAMPTZ
);
CREATE INDEX person_by_workspace ON person (workspace_id);

GRANT SELECT ON person TO insight_reader;
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON person FOR SELECT TO insight_reader
    USING (workspace_id = ANY (readable_workspaces()));
