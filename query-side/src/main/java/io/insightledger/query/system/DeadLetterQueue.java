package io.insightledger.query.system;

import io.insightledger.platform.web.Storable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.insightledger.query.system.SqlValues.instant;
import static io.insightledger.query.system.SqlValues.timestamp;

/**
 * The events each projection parked instead of applying (table {@code dead_letter}), in the order they arrived per
 * projection and aggregate. Every statement runs in the caller's transaction: a processor parks an event in the same
 * transaction as its token.
 */
@Component
public class DeadLetterQueue {

    /**
     * A parked event, as listed for administrators.
     *
     * @param cause      why it could not be applied; null while it only waits behind an earlier letter
     * @param enqueuedAt its first attempt
     */
    public record Letter(long id, String projection, String aggregateId, Long sequenceNumber, String eventType,
                         String eventId, String cause, Instant enqueuedAt, int attempts, Instant lastAttemptAt,
                         Instant nextAttemptAt, Integer partition, Long offset) {
    }

    /** What a processor parks: the event's identity and its record as it was on the topic. */
    public record Parcel(String aggregateId, Long sequenceNumber, String eventType, String eventId, byte[] record,
                         Integer partition, Long offset) {
    }

    /** A letter with the record a retry reads again. */
    record Stored(Letter letter, byte[] record) {
    }

    /** Per projection: how many letters, and since when the oldest waits. */
    public record Summary(long count, Instant oldest) {
    }

    private static final String COLUMNS = """
            id, projection, aggregate_id, sequence_number, event_type, event_id, cause, enqueued_at, attempts,
            last_attempt_at, next_attempt_at, topic_partition, topic_offset""";

    private final JdbcClient jdbc;

    DeadLetterQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The aggregate a letter keeps in order, as stored. An id PostgreSQL cannot store (a record written to the topic
     * by hand may carry anything) is made storable, so that parking it never fails in turn.
     */
    public static String aggregateKey(String aggregateId) {
        return Storable.replacingUnstorable(aggregateId);
    }

    /**
     * Parks an event; {@code cause} null parks it behind an earlier letter of its aggregate (it is retried with
     * that letter, not on its own).
     */
    public void park(String projection, Parcel parcel, String cause, Instant now, Instant nextAttempt) {
        jdbc.sql("""
                        INSERT INTO dead_letter (projection, aggregate_id, sequence_number, event_type, event_id, record,
                                                 topic_partition, topic_offset, cause, enqueued_at, last_attempt_at,
                                                 attempts, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projection, aggregateKey(parcel.aggregateId()), parcel.sequenceNumber(),
                        Storable.replacingUnstorable(parcel.eventType()), Storable.replacingUnstorable(parcel.eventId()),
                        parcel.record() == null ? new byte[0] : parcel.record(), parcel.partition(), parcel.offset(),
                        Storable.replacingUnstorable(cause), timestamp(now), cause == null ? null : timestamp(now),
                        cause == null ? 0 : 1, timestamp(nextAttempt))
                .update();
    }

    /** Which of these aggregates have letters in the projection's queue (their next events wait behind them). */
    public Set<String> parkedAmong(String projection, Collection<String> aggregateIds) {
        return new HashSet<>(jdbc.sql("""
                        SELECT DISTINCT aggregate_id FROM dead_letter
                        WHERE projection = ? AND aggregate_id = ANY(?)""")
                .params(projection, aggregateIds.stream().map(DeadLetterQueue::aggregateKey).toArray(String[]::new))
                .query(String.class).list());
    }

    /** The projection's letters (all projections' for null), oldest first. */
    public List<Letter> page(String projection, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE (?::text IS NULL OR projection = ?)"
                        + " ORDER BY id LIMIT ? OFFSET ?")
                .params(projection, projection, page.size(), page.offset())
                .query((rs, row) -> letter(rs)).list();
    }

    public long count(String projection) {
        return jdbc.sql("SELECT count(*) FROM dead_letter WHERE (?::text IS NULL OR projection = ?)")
                .params(projection, projection).query(Long.class).single();
    }

    /** How many letters an aggregate has in the projection's queue. */
    public long parkedCount(String projection, String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM dead_letter WHERE projection = ? AND aggregate_id = ?")
                .params(projection, aggregateId).query(Long.class).single();
    }

    public Optional<Letter> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?").param(id)
                .query((rs, row) -> letter(rs)).optional();
    }

    /** The record of a letter, as it was on the topic. */
    public Optional<byte[]> record(long id) {
        return jdbc.sql("SELECT record FROM dead_letter WHERE id = ?").param(id).query(byte[].class).optional();
    }

    /**
     * The first letter of an aggregate's sequence, locked until the caller's transaction ends; empty if there is none
     * or another retry holds it.
     */
    Optional<Stored> lockHead(String projection, String aggregateId) {
        return jdbc.sql("SELECT " + COLUMNS + ", record FROM dead_letter WHERE projection = ? AND aggregate_id = ?"
                        + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .params(projection, aggregateId)
                .query((rs, row) -> new Stored(letter(rs), rs.getBytes("record"))).optional();
    }

    /** The sequences whose first letter is due for another try, oldest first. */
    List<Letter> dueHeads(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM (SELECT DISTINCT ON (projection, aggregate_id) " + COLUMNS
                        + " FROM dead_letter ORDER BY projection, aggregate_id, id) heads"
                        + " WHERE next_attempt_at <= ? ORDER BY id LIMIT ?")
                .params(timestamp(now), limit)
                .query((rs, row) -> letter(rs)).list();
    }

    public boolean remove(long id) {
        return jdbc.sql("DELETE FROM dead_letter WHERE id = ?").param(id).update() == 1;
    }

    /** Another try failed: why, and when the next one is due. */
    void failed(long id, String cause, Instant now, Instant nextAttempt) {
        jdbc.sql("""
                        UPDATE dead_letter SET cause = ?, attempts = attempts + 1, last_attempt_at = ?,
                                               next_attempt_at = ?
                        WHERE id = ?""")
                .params(Storable.replacingUnstorable(cause), timestamp(now), timestamp(nextAttempt), id)
                .update();
    }

    /** Per projection with letters: their number and the first attempt of the oldest. */
    public Map<String, Summary> summary() {
        Map<String, Summary> summary = new TreeMap<>();
        jdbc.sql("SELECT projection, count(*), min(enqueued_at) FROM dead_letter GROUP BY projection")
                .query(rs -> {
                    summary.put(rs.getString(1), new Summary(rs.getLong(2), instant(rs.getTimestamp(3))));
                });
        return summary;
    }

    /** A rebuild replays the topic from its start: what it cannot apply is parked again. */
    public void clear(String projection) {
        jdbc.sql("DELETE FROM dead_letter WHERE projection = ?").param(projection).update();
    }

    private static Letter letter(ResultSet rs) throws SQLException {
        return new Letter(rs.getLong("id"), rs.getString("projection"), rs.getString("aggregate_id"),
                (Long) rs.getObject("sequence_number"), rs.getString("event_type"), rs.getString("event_id"),
                rs.getString("cause"), instant(rs.getTimestamp("enqueued_at")), rs.getInt("attempts"),
                instant(rs.getTimestamp("last_attempt_at")), instant(rs.getTimestamp("next_attempt_at")),
                (Integer) rs.getObject("topic_partition"), (Long) rs.getObject("topic_offset"));
    }
}
