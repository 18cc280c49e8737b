ALTER TABLE meeting ADD COLUMN retracted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE meeting ADD COLUMN retraction_reason TEXT;

CREATE TABLE meeting_observation (
    meeting_id     VARCHAR(64)  NOT NULL REFERENCES meeting,
    observation_id VARCHAR(64)  NOT NULL,
    text           TEXT         NOT NULL,
    kind           VARCHAR(20)  NOT NULL,
    speaker_role   VARCHAR(100) NOT NULL,
    speaker_name   VARCHAR(200),
    tags           TEXT[]       NOT NULL,
    captured_at    TIMESTAMPTZ  NOT NULL,
    captured_by    VARCHAR(200) NOT NULL,
    revised_at     TIMESTAMPTZ,
    PRIMARY KEY (meeting_id, observation_id)
);

ALTER TABLE hypothesis ADD COLUMN successor_id VARCHAR(64);
ALTER TABLE hypothesis_evidence ADD COLUMN linked_after_decision BOOLEAN;
ALTER TABLE hypothesis_evidence ADD COLUMN withdrawn_at TIMESTAMPTZ;
ALTER TABLE hypothesis_evidence ADD COLUMN withdrawal_reason TEXT;
