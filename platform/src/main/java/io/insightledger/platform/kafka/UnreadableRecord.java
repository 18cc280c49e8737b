package io.insightledger.platform.kafka;

/**
 * A record of the topic that this reader cannot turn into an event: not an envelope, an event type or revision it does
 * not know (written by a newer version), an upcaster that failed, a payload that does not fit its type. It travels to
 * the projections as an event of its own, so that each one parks it (and what follows for its aggregate) in its
 * dead-letter queue instead of skipping it; a retry after an upgrade reads {@code value} again.
 *
 * @param aggregateId    from the envelope or the record's key, if either could be read
 * @param sequenceNumber from the envelope, if it could be read
 * @param eventType      from the envelope, if it could be read
 */
public record UnreadableRecord(String reason, String aggregateId, Long sequenceNumber, String eventType,
                               int partition, long offset, byte[] value) {
}
