-- The hypothesis views become folds over each hypothesis's own events (see HypothesisFold): the journal keeps them in
-- order, and the board and the decision log are the fold's latest result. The projections these tables replace are
-- rebuilt from the start of the topic: every token and cursor is dropped.
DROP TABLE hypothesis_timeline;
DROP TABLE hypothesis_decision;
DROP TABLE hypothesis_evidence;
DROP TABLE hypothesis;
DELETE FROM TokenEntry;
DELETE FROM projection_cursor;
TRUNCATE meeting_observation, meeting;

CREATE TABLE hypothesis_journal (
    hypothesis_id   VARCHAR(64)  NOT NULL,
    sequence_number BIGINT       NOT NULL,
    event_type      VARCHAR(200) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(200) NOT NULL,
    correlation_id  VARCHAR(100),
    meeting_id      VARCHAR(64),
    payload         JSONB        NOT NULL,
    PRIMARY KEY (hypothesis_id, sequence_number)
);
CREATE INDEX hypothesis_journal_by_meeting ON hypothesis_journal (meeting_id) WHERE meeting_id IS NOT NULL;
CREATE INDEX hypothesis_journal_by_time ON hypothesis_journal (occurred_at);

-- the hypothesis views' own copy of what they need to know of meetings
CREATE TABLE hypothesis_meeting (
    meeting_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    title        VARCHAR(200) NOT NULL,
    organization VARCHAR(200) NOT NULL,
    segment      VARCHAR(100) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    retracted_at TIMESTAMPTZ
);

CREATE TABLE hypothesis_board (
    hypothesis_id       VARCHAR(64)      NOT NULL PRIMARY KEY,
    title               VARCHAR(200)     NOT NULL,
    statement           TEXT             NOT NULL,
    category            VARCHAR(20)      NOT NULL,
    owner               VARCHAR(200)     NOT NULL,
    tags                TEXT[]           NOT NULL,
    segments            TEXT[]           NOT NULL,
    evidence_segments   TEXT[]           NOT NULL,
    status              VARCHAR(20)      NOT NULL,
    confidence          DOUBLE PRECISION NOT NULL,
    at_risk             BOOLEAN          NOT NULL,
    single_source       BOOLEAN          NOT NULL,
    proposed_at         TIMESTAMPTZ      NOT NULL,
    last_activity_at    TIMESTAMPTZ      NOT NULL,
    last_evidence_at    TIMESTAMPTZ      NOT NULL,
    version             BIGINT           NOT NULL,
    state               JSONB            NOT NULL
);
CREATE INDEX hypothesis_board_by_activity ON hypothesis_board (last_activity_at DESC);
CREATE INDEX hypothesis_board_by_confidence ON hypothesis_board (confidence DESC);
CREATE INDEX hypothesis_board_by_status ON hypothesis_board (status);

CREATE TABLE decision_log (
    hypothesis_id    VARCHAR(64)      NOT NULL,
    decision_id      VARCHAR(64)      NOT NULL,
    hypothesis_title VARCHAR(200)     NOT NULL,
    owner            VARCHAR(200)     NOT NULL,
    outcome          VARCHAR(20)      NOT NULL,
    rationale        TEXT             NOT NULL,
    evidence_ids     TEXT[]           NOT NULL,
    decided_at       TIMESTAMPTZ      NOT NULL,
    decided_by       VARCHAR(200)     NOT NULL,
    proposed_at      TIMESTAMPTZ      NOT NULL,
    confidence_then  DOUBLE PRECISION NOT NULL,
    reopened_at      TIMESTAMPTZ,
    reopen_reason    TEXT,
    PRIMARY KEY (hypothesis_id, decision_id)
);
CREATE INDEX decision_log_by_time ON decision_log (decided_at DESC);

-- the meetings views' record of which hypotheses each meeting served as evidence for
CREATE TABLE meeting_evidence (
    meeting_id     VARCHAR(64) NOT NULL,
    hypothesis_id  VARCHAR(64) NOT NULL,
    evidence_id    VARCHAR(64) NOT NULL,
    observation_id VARCHAR(64),
    direction      VARCHAR(20) NOT NULL,
    strength       VARCHAR(20) NOT NULL,
    linked_at      TIMESTAMPTZ NOT NULL,
    withdrawn_at   TIMESTAMPTZ,
    PRIMARY KEY (hypothesis_id, evidence_id)
);
CREATE INDEX meeting_evidence_by_meeting ON meeting_evidence (meeting_id);
CREATE INDEX meeting_by_organization ON meeting (organization);
CREATE INDEX meeting_by_time ON meeting (occurred_at DESC);
