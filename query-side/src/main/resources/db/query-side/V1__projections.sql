-- where each projection's processor has got to on the topic (Axon's JDBC token store)
CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);

-- per projection and aggregate, the last event applied: delivery is at least once, so anything at or below it is
-- a redelivery and changes nothing
CREATE TABLE projection_cursor (
    projection    VARCHAR(100) NOT NULL,
    aggregate_id  VARCHAR(64)  NOT NULL,
    last_sequence BIGINT       NOT NULL,
    PRIMARY KEY (projection, aggregate_id)
);

CREATE TABLE meeting (
    meeting_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    title        VARCHAR(200) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    organization VARCHAR(200) NOT NULL,
    segment      VARCHAR(100) NOT NULL,
    channel      VARCHAR(20)  NOT NULL,
    attendees    JSONB        NOT NULL,
    notes        TEXT         NOT NULL,
    tags         TEXT[]       NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    recorded_by  VARCHAR(200) NOT NULL,
    version      BIGINT       NOT NULL
);

CREATE TABLE hypothesis (
    hypothesis_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    title               VARCHAR(200) NOT NULL,
    statement           TEXT         NOT NULL,
    category            VARCHAR(20)  NOT NULL,
    success_criteria    TEXT         NOT NULL,
    owner               VARCHAR(200) NOT NULL,
    tags                TEXT[]       NOT NULL,
    segments            TEXT[]       NOT NULL,
    parent_id           VARCHAR(64),
    status              VARCHAR(20)  NOT NULL,
    supporting_count    INTEGER      NOT NULL DEFAULT 0,
    contradicting_count INTEGER      NOT NULL DEFAULT 0,
    proposed_at         TIMESTAMPTZ  NOT NULL,
    proposed_by         VARCHAR(200) NOT NULL,
    last_activity_at    TIMESTAMPTZ  NOT NULL,
    version             BIGINT       NOT NULL
);
CREATE INDEX hypothesis_by_activity ON hypothesis (last_activity_at DESC);

CREATE TABLE hypothesis_evidence (
    hypothesis_id  VARCHAR(64)  NOT NULL REFERENCES hypothesis,
    evidence_id    VARCHAR(64)  NOT NULL,
    meeting_id     VARCHAR(64)  NOT NULL,
    observation_id VARCHAR(64),
    direction      VARCHAR(20)  NOT NULL,
    strength       VARCHAR(20)  NOT NULL,
    note           TEXT         NOT NULL,
    linked_at      TIMESTAMPTZ  NOT NULL,
    linked_by      VARCHAR(200) NOT NULL,
    PRIMARY KEY (hypothesis_id, evidence_id)
);

CREATE TABLE hypothesis_decision (
    hypothesis_id VARCHAR(64)  NOT NULL REFERENCES hypothesis,
    decision_id   VARCHAR(64)  NOT NULL,
    outcome       VARCHAR(20)  NOT NULL,
    rationale     TEXT         NOT NULL,
    evidence_ids  TEXT[]       NOT NULL,
    decided_at    TIMESTAMPTZ  NOT NULL,
    decided_by    VARCHAR(200) NOT NULL,
    PRIMARY KEY (hypothesis_id, decision_id)
);

CREATE TABLE hypothesis_timeline (
    hypothesis_id   VARCHAR(64)  NOT NULL REFERENCES hypothesis,
    sequence_number BIGINT       NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(200) NOT NULL,
    correlation_id  VARCHAR(100),
    summary         TEXT         NOT NULL,
    PRIMARY KEY (hypothesis_id, sequence_number)
);
