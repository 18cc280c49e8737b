-- what each observation says, so a hypothesis's evidence can quote it
CREATE TABLE hypothesis_observation (
    meeting_id     VARCHAR(64) NOT NULL,
    observation_id VARCHAR(64) NOT NULL,
    text           TEXT        NOT NULL,
    PRIMARY KEY (meeting_id, observation_id)
);
-- the hypotheses projection starts over, to read the observations it skipped so far
DELETE FROM TokenEntry WHERE processorName = 'hypotheses';
DELETE FROM projection_cursor WHERE projection = 'hypotheses';
TRUNCATE hypothesis_journal, hypothesis_meeting, hypothesis_board, decision_log;
