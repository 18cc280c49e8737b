-- Axon's JDBC event store (default EventSchema names; unquoted, so PostgreSQL folds them to lower case).
-- Payloads and metadata are JSON bytes in bytea; globalIndex comes from a sequence that advances by one,
-- so a gap means a transaction still in flight or rolled back, which Axon's gap-aware token waits for.
CREATE TABLE DomainEventEntry (
    globalIndex         BIGSERIAL    NOT NULL PRIMARY KEY,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255) NOT NULL UNIQUE,
    metaData            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    UNIQUE (aggregateIdentifier, sequenceNumber)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL UNIQUE,
    metaData            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber)
);

-- where the Kafka publishing processor has got to
CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);

-- what cross-aggregate rules need to know about meetings, kept in the same transaction as the events
CREATE TABLE meeting_lookup (
    meeting_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    organization VARCHAR(200) NOT NULL,
    retracted    BOOLEAN      NOT NULL DEFAULT FALSE
);
