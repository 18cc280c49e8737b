package io.insightledger.query.hypothesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisPivotedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.hypothesis.HypothesisReopenedEvent;
import io.insightledger.events.hypothesis.HypothesisRevisedEvent;
import io.insightledger.events.Sealed;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRedactedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import io.insightledger.platform.privacy.PersonalData;
import io.insightledger.query.system.BatchWork;
import io.insightledger.query.system.BatchedWrites;
import io.insightledger.query.system.EventContext;
import io.insightledger.query.system.Projection;
import io.insightledger.query.system.ProjectionChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.insightledger.query.system.SqlValues.array;
import static io.insightledger.query.system.SqlValues.timestamp;

/**
 * Keeps each hypothesis's journal, and after every change re-folds it into the board row and the decision log, so
 * the stored "now" is exactly what the fold says (as time travel and the evolution replay do).
 */
@Component
@ProcessingGroup(HypothesisProjection.NAME)
class HypothesisProjection implements Projection {

    static final String NAME = "hypotheses";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final BatchedWrites writes;
    private final HypothesisJournal journal;
    private final ObjectMapper json;
    private final ProjectionChanges changes;
    private final Duration staleAfter;
    private final PersonalData personal;

    HypothesisProjection(JdbcClient jdbc, JdbcTemplate batches, BatchedWrites writes, HypothesisJournal journal,
                         ObjectMapper json, ProjectionChanges changes,
                         @Value("${insight.projections.stale-after}") Duration staleAfter, PersonalData personal) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.writes = writes;
        this.journal = journal;
        this.json = json;
        this.changes = changes;
        this.staleAfter = staleAfter;
        this.personal = personal;
    }

    @EventHandler
    void on(HypothesisProposedEvent event, EventContext context) {
        record(event.hypothesisId(), event, context);
    }

    @EventHandler
    void on(HypothesisRevisedEvent event, EventContext context) {
        record(event.hypothesisId(), event, context);
    }

    @EventHandler
    void on(EvidenceLinkedEvent event, EventContext context) {
        record(event.hypothesisId(), event, context);
    }

    @EventHandler
    void on(EvidenceWithdrawnEvent event, EventContext context) {
        record(event.hypothesisId(), event, context);
    }

    @EventHandler
    void on(HypothesisDecidedEvent event, EventContext context) {
        record(event.hypothesisId(), event, context);
    }

    @EventHandler
    void on(HypothesisReopenedEvent event, EventContext context) {
        record(event.hypothesisId(), event, context);
    }

    @EventHandler
    void on(HypothesisPivotedEvent event, EventContext context) {
        record(event.hypothesisId(), event, context);
    }

    /** A meeting may arrive after evidence that cites it (another partition): those hypotheses are re-folded. */
    @EventHandler
    void on(MeetingRecordedEvent event) {
        writes.later("""
                        INSERT INTO hypothesis_meeting (meeting_id, title, organization, segment, occurred_at,
                                                        workspace_id)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                event.meetingId(), event.title(), event.organization(), event.segment(),
                timestamp(event.occurredAt()), event.workspaceId());
        refoldCiting(event.meetingId());
    }

    /** Evidence from a retracted meeting weighs nothing from then on. */
    @EventHandler
    void on(MeetingRetractedEvent event, EventContext context) {
        writes.now("UPDATE hypothesis_meeting SET retracted_at = ? WHERE meeting_id = ?",
                timestamp(context.occurredAt()), event.meetingId());
        refoldCiting(event.meetingId());
    }

    /** Evidence quotes what the observation says now. */
    @EventHandler
    void on(ObservationCapturedEvent event, EventContext context) {
        writes.later("""
                        INSERT INTO hypothesis_observation (meeting_id, observation_id, text, workspace_id)
                        VALUES (?, ?, ?, ?)""",
                event.meetingId(), event.observationId(), quote(event.text()), context.workspace());
        refoldCiting(event.meetingId());
    }

    @EventHandler
    void on(ObservationRevisedEvent event) {
        writes.now("UPDATE hypothesis_observation SET text = ? WHERE meeting_id = ? AND observation_id = ?",
                quote(event.text()), event.meetingId(), event.observationId());
        refoldCiting(event.meetingId());
    }

    /** The meeting's key is gone: evidence quotes of it read "[redacted]" from now on, as after a rebuild. */
    @EventHandler
    void on(MeetingRedactedEvent event) {
        personal.forget(PersonalData.meetingKey(event.meetingId()));
        writes.now("UPDATE hypothesis_observation SET text = ? WHERE meeting_id = ?", PersonalData.REDACTED,
                event.meetingId());
        refoldCiting(event.meetingId());
    }

    private String quote(Sealed text) {
        return personal.open(text).orElse(PersonalData.REDACTED);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE hypothesis_journal, hypothesis_meeting, hypothesis_observation, hypothesis_board, "
                + "decision_log").update();
        jdbc.sql("DELETE FROM projection_cursor WHERE projection = ?").param(NAME).update();
    }

    private void refoldCiting(String meetingId) {
        Refolds refolds = refoldsOfThisBatch();
        if (refolds == null) {
            refold(journal.hypothesesCiting(List.of(meetingId)));
        } else {
            refolds.meetings().add(meetingId);
        }
    }

    private void record(String hypothesisId, Object event, EventContext context) {
        journal.append(hypothesisId, event, context);
        Refolds refolds = refoldsOfThisBatch();
        if (refolds == null) {
            refold(List.of(hypothesisId));
        } else {
            refolds.hypotheses().add(hypothesisId);
        }
    }

    /** What a processor's batch changed: hypotheses, and meetings whose citing hypotheses change with them. */
    private record Refolds(Set<String> hypotheses, Set<String> meetings) {
    }

    /**
     * Inside a processor's batch, the changed hypotheses are re-folded together, when the batch's work ends, instead of
     * after each event: journals, meetings, board rows and decisions are read and written a statement for all of
     * them, so a batch costs a handful of round trips to PostgreSQL instead of several per event. Null outside a batch.
     */
    private Refolds refoldsOfThisBatch() {
        BatchWork work = BatchWork.current();
        if (work == null) {
            return null;
        }
        return work.held(Refolds.class.getName(), () -> {
            Refolds refolds = new Refolds(new LinkedHashSet<>(), new LinkedHashSet<>());
            work.atEnd(() -> {
                writes.flush();
                Set<String> hypotheses = new LinkedHashSet<>(refolds.hypotheses());
                if (!refolds.meetings().isEmpty()) {
                    hypotheses.addAll(journal.hypothesesCiting(refolds.meetings()));
                }
                refold(hypotheses);
            });
            return refolds;
        });
    }

    private void refold(Collection<String> hypothesisIds) {
        if (hypothesisIds.isEmpty()) {
            return;
        }
        Map<String, List<JournalEntry>> histories = journal.entries(hypothesisIds);
        Map<String, MeetingFact> meetings = journal.meetings(histories.values());
        List<HypothesisState> states = new ArrayList<>();
        for (List<JournalEntry> entries : histories.values()) {
            HypothesisFold fold = new HypothesisFold(meetings, staleAfter);
            entries.forEach(fold::apply);
            if (fold.isProposed()) {
                states.add(fold.snapshot(null));
            }
        }
        saveBoardRows(states);
        saveDecisions(states);
        states.forEach(state -> changes.announce(NAME, state.id(), state.version(), state.workspace()));
    }

    private void saveBoardRows(List<HypothesisState> states) {
        if (states.isEmpty()) {
            return;
        }
        batches.batchUpdate("""
                            INSERT INTO hypothesis_board (hypothesis_id, title, statement, category, owner, tags,
                                segments, evidence_segments, status, confidence, at_risk, single_source, proposed_at,
                                last_activity_at, last_evidence_at, version, state, workspace_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                            ON CONFLICT (hypothesis_id) DO UPDATE SET title = EXCLUDED.title,
                                statement = EXCLUDED.statement, evidence_segments = EXCLUDED.evidence_segments,
                                status = EXCLUDED.status, confidence = EXCLUDED.confidence,
                                at_risk = EXCLUDED.at_risk, single_source = EXCLUDED.single_source,
                                last_activity_at = EXCLUDED.last_activity_at,
                                last_evidence_at = EXCLUDED.last_evidence_at, version = EXCLUDED.version,
                                state = EXCLUDED.state""", states.stream().map(state -> new Object[]{
                state.id(), state.title(), state.statement(), state.category(), state.owner(),
                array(state.tags()), array(state.segments()), array(state.evidenceSegments()),
                state.status().name(), state.confidence(),
                state.flags().contains(HypothesisState.Flag.AT_RISK),
                state.flags().contains(HypothesisState.Flag.SINGLE_SOURCE),
                timestamp(state.proposedAt()), timestamp(state.lastActivityAt()),
                timestamp(state.lastEvidenceAt()), state.version(), toJson(state), state.workspace()}).toList());
    }

    private String toJson(HypothesisState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void saveDecisions(List<HypothesisState> states) {
        List<Object[]> rows = new ArrayList<>();
        for (HypothesisState state : states) {
            for (HypothesisState.Decision decision : state.decisions()) {
                rows.add(new Object[]{state.id(), decision.id(), state.title(), state.owner(), decision.outcome(),
                        decision.rationale(), array(decision.evidenceIds()), timestamp(decision.decidedAt()),
                        decision.decidedBy(), timestamp(state.proposedAt()), decision.confidenceThen(),
                        timestamp(decision.reopenedAt()), decision.reopenReason(), state.workspace()});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        batches.batchUpdate("""
                            INSERT INTO decision_log (hypothesis_id, decision_id, hypothesis_title, owner, outcome,
                                rationale, evidence_ids, decided_at, decided_by, proposed_at, confidence_then,
                                reopened_at, reopen_reason, workspace_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (hypothesis_id, decision_id) DO UPDATE SET
                                hypothesis_title = EXCLUDED.hypothesis_title, reopened_at = EXCLUDED.reopened_at,
                                reopen_reason = EXCLUDED.reopen_reason""", rows);
    }
}
