package io.insightledger.query.hypothesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.query.system.BatchedWrites;
import io.insightledger.query.system.EventContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.insightledger.query.system.SqlValues.instant;
import static io.insightledger.query.system.SqlValues.timestamp;

/**
 * Each hypothesis's own events in order, and the meetings its evidence points at: what {@link HypothesisFold} folds.
 * Payloads are kept as the newest revision's JSON (the Kafka reader upcasts them on arrival). The projection keeps it
 * through the application's pool; the query API reads it through the reads pool, which shows only the caller's
 * workspaces (see {@link JournalConfiguration}).
 */
public class HypothesisJournal {

    private static final String EVENT_PACKAGE = "io.insightledger.events.";
    /** Rows fetched at a time when one hypothesis's journal is streamed: its length never decides the memory. */
    private static final int FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate snapshots;
    private final BatchedWrites writes;
    private final ObjectMapper json;

    HypothesisJournal(DataSource dataSource, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = JdbcClient.create(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        // joins the projection's transaction where there is one: it binds the same pool
        this.snapshots = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        snapshots.setReadOnly(true);
        // the length counted, the meetings and the entries read then all come from one moment of the journal
        snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.writes = writes;
        this.json = json;
    }

    /** Held back to the end of the processor's batch: read only by a re-fold, which flushes it first. */
    void append(String hypothesisId, Object event, EventContext context) {
        String meetingId = event instanceof EvidenceLinkedEvent linked ? linked.meetingId() : null;
        try {
            writes.later("""
                            INSERT INTO hypothesis_journal (hypothesis_id, sequence_number, event_type, occurred_at,
                                                            actor, correlation_id, meeting_id, payload,
                                                            workspace_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""",
                    hypothesisId, context.sequenceNumber(), event.getClass().getName(),
                    timestamp(context.occurredAt()), context.actor(), context.correlationId(), meetingId,
                    json.writeValueAsString(event), context.workspace());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code reading} in a read-only transaction on one snapshot of the journal, so that what it reads agrees,
     * and so that PostgreSQL streams {@link #entries(String, Instant)} from a cursor instead of sending them all.
     */
    <T> T inOneSnapshot(Supplier<T> reading) {
        return snapshots.execute(status -> reading.get());
    }

    /** How many events the hypothesis has; 0 for one never proposed, or of a workspace out of scope. */
    long length(String hypothesisId, String[] workspaces) {
        return jdbc.sql("SELECT count(*) FROM hypothesis_journal WHERE hypothesis_id = ? AND workspace_id = ANY(?)")
                .params(hypothesisId, workspaces).query(Long.class).single();
    }

    /**
     * The hypothesis's events in order, up to an instant ({@code null}: all of them), read as the stream is consumed
     * and no further: close it. They stream only {@link #inOneSnapshot in one snapshot}. None for a hypothesis of a
     * workspace out of scope.
     */
    Stream<JournalEntry> entries(String hypothesisId, Instant upTo, String[] workspaces) {
        String upToInstant = upTo == null ? "" : " AND occurred_at <= ?";
        Object[] params = upTo == null ? new Object[]{hypothesisId, workspaces}
                : new Object[]{hypothesisId, workspaces, timestamp(upTo)};
        return streaming.queryForStream("SELECT * FROM hypothesis_journal WHERE hypothesis_id = ?"
                + " AND workspace_id = ANY(?)" + upToInstant + " ORDER BY sequence_number", (rs, row) -> entry(rs),
                params);
    }

    /** The journals of several hypotheses in one query, each in order; a hypothesis without events has none. */
    Map<String, List<JournalEntry>> entries(Collection<String> hypothesisIds) {
        Map<String, List<JournalEntry>> byHypothesis = new HashMap<>();
        jdbc.sql("""
                        SELECT * FROM hypothesis_journal WHERE hypothesis_id = ANY(?)
                        ORDER BY hypothesis_id, sequence_number""")
                .param(hypothesisIds.toArray(String[]::new))
                .query(rs -> {
                    byHypothesis.computeIfAbsent(rs.getString("hypothesis_id"), id -> new ArrayList<>())
                            .add(entry(rs));
                });
        return byHypothesis;
    }

    /** The events up to an instant of every hypothesis in these workspaces, grouped by hypothesis, each in order. */
    Map<String, List<JournalEntry>> allUpTo(Instant asOf, String[] workspaces) {
        Map<String, List<JournalEntry>> byHypothesis = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT * FROM hypothesis_journal WHERE workspace_id = ANY(?) AND occurred_at <= ?
                        ORDER BY hypothesis_id, sequence_number""")
                .params(workspaces, timestamp(asOf))
                .query(rs -> {
                    byHypothesis.computeIfAbsent(rs.getString("hypothesis_id"), id -> new ArrayList<>())
                            .add(entry(rs));
                });
        return byHypothesis;
    }

    /** Hypotheses with evidence from these meetings, whose views change when the meetings do. */
    List<String> hypothesesCiting(Collection<String> meetingIds) {
        return jdbc.sql("SELECT DISTINCT hypothesis_id FROM hypothesis_journal WHERE meeting_id = ANY(?)")
                .param(meetingIds.toArray(String[]::new)).query(String.class).list();
    }

    Map<String, MeetingFact> meetings(Collection<List<JournalEntry>> histories) {
        return meetings(histories.stream().flatMap(List::stream)
                .map(JournalEntry::event)
                .filter(EvidenceLinkedEvent.class::isInstance)
                .map(e -> ((EvidenceLinkedEvent) e).meetingId())
                .distinct().toList());
    }

    /** The meetings a hypothesis's evidence cites, known without reading its events: the journal notes them. */
    Map<String, MeetingFact> meetingsCitedBy(String hypothesisId) {
        return meetings(jdbc.sql("""
                        SELECT DISTINCT meeting_id FROM hypothesis_journal
                        WHERE hypothesis_id = ? AND meeting_id IS NOT NULL""")
                .param(hypothesisId).query(String.class).list());
    }

    private Map<String, MeetingFact> meetings(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] meetingIds = ids.toArray(String[]::new);
        Map<String, Map<String, String>> observations = new HashMap<>();
        jdbc.sql("SELECT meeting_id, observation_id, text FROM hypothesis_observation WHERE meeting_id = ANY(?)")
                .param(meetingIds)
                .query(rs -> {
                    observations.computeIfAbsent(rs.getString(1), id -> new HashMap<>())
                            .put(rs.getString(2), rs.getString(3));
                });
        return jdbc.sql("SELECT * FROM hypothesis_meeting WHERE meeting_id = ANY(?)")
                .param(meetingIds)
                .query((rs, row) -> new MeetingFact(rs.getString("meeting_id"), rs.getString("title"),
                        rs.getString("organization"), rs.getString("segment"), instant(rs.getTimestamp("occurred_at")),
                        instant(rs.getTimestamp("retracted_at")),
                        observations.getOrDefault(rs.getString("meeting_id"), Map.of())))
                .list().stream()
                .collect(Collectors.toMap(MeetingFact::meetingId, Function.identity()));
    }

    private JournalEntry entry(ResultSet rs) throws SQLException {
        String type = rs.getString("event_type");
        if (!type.startsWith(EVENT_PACKAGE)) {
            throw new IllegalStateException("Not an Insight Ledger event: " + type);
        }
        try {
            Object event = json.readValue(rs.getString("payload"), Class.forName(type));
            return new JournalEntry(rs.getLong("sequence_number"), instant(rs.getTimestamp("occurred_at")),
                    rs.getString("actor"), rs.getString("correlation_id"), event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Unknown event type " + type, e);
        }
    }
}
