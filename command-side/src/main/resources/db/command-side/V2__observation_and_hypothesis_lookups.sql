-- which observations each meeting has, for evidence that names one
CREATE TABLE observation_lookup (
    meeting_id     VARCHAR(64) NOT NULL REFERENCES meeting_lookup,
    observation_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (meeting_id, observation_id)
);

-- which hypotheses exist, for a proposal that names its parent
CREATE TABLE hypothesis_lookup (
    hypothesis_id VARCHAR(64) NOT NULL PRIMARY KEY
);
