-- Which workspace each meeting and hypothesis belongs to, and which workspaces a meeting is shared with: for evidence
-- (a hypothesis cites meetings of its own workspace, or shared with it) and for a proposal's parent (same workspace).
-- Everything recorded so far was recorded before workspaces existed: it belongs to "default".
ALTER TABLE meeting_lookup ADD COLUMN workspace_id VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE meeting_lookup ALTER COLUMN workspace_id DROP DEFAULT;
ALTER TABLE hypothesis_lookup ADD COLUMN workspace_id VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE hypothesis_lookup ALTER COLUMN workspace_id DROP DEFAULT;

CREATE TABLE meeting_share_lookup (
    meeting_id   VARCHAR(64) NOT NULL REFERENCES meeting_lookup,
    workspace_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (meeting_id, workspace_id)
);
