package io.insightledger.query.hypothesis;

import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.hypothesis.HypothesisPivotedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.hypothesis.HypothesisReopenedEvent;
import io.insightledger.events.hypothesis.HypothesisRevisedEvent;
import io.insightledger.query.system.EventContext;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static io.insightledger.query.system.SqlValues.array;
import static io.insightledger.query.system.SqlValues.timestamp;

/** The hypothesis board, each hypothesis's evidence and decisions, and its timeline. */
@Component
@ProcessingGroup(HypothesisProjection.NAME)
class HypothesisProjection {

    static final String NAME = "hypotheses";

    private final JdbcClient jdbc;

    HypothesisProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(HypothesisProposedEvent event, EventContext context) {
        jdbc.sql("""
                        INSERT INTO hypothesis (hypothesis_id, title, statement, category, success_criteria, owner, tags,
                                                segments, parent_id, status, proposed_at, proposed_by,
                                                last_activity_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)""")
                .params(event.hypothesisId(), event.title(), event.statement(), event.category().name(),
                        event.successCriteria(), event.owner(), array(event.tags()), array(event.segments()),
                        event.parentId(), timestamp(context.occurredAt()), context.actor(),
                        timestamp(context.occurredAt()), context.sequenceNumber())
                .update();
        timeline(event.hypothesisId(), "HypothesisProposed", context,
                "Proposed \"" + event.title() + "\" (" + event.category() + ")");
    }

    @EventHandler
    void on(EvidenceLinkedEvent event, EventContext context) {
        jdbc.sql("""
                        INSERT INTO hypothesis_evidence (hypothesis_id, evidence_id, meeting_id, observation_id,
                                                         direction, strength, note, linked_at, linked_by,
                                                         linked_after_decision)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.hypothesisId(), event.evidenceId(), event.meetingId(), event.observationId(),
                        event.direction().name(), event.strength().name(), event.note(),
                        timestamp(context.occurredAt()), context.actor(), event.linkedAfterDecision())
                .update();
        boolean supports = event.direction() == EvidenceDirection.SUPPORTS;
        String counter = supports ? "supporting_count" : "contradicting_count";
        touch(event.hypothesisId(), context, counter + " = " + counter + " + ?", 1);
        timeline(event.hypothesisId(), "EvidenceLinked", context,
                "Linked " + event.strength().name().toLowerCase() + (supports ? " supporting" : " contradicting")
                        + " evidence from meeting " + event.meetingId()
                        + (Boolean.TRUE.equals(event.linkedAfterDecision()) ? ", after the decision" : ""));
    }

    @EventHandler
    void on(HypothesisDecidedEvent event, EventContext context) {
        jdbc.sql("""
                        INSERT INTO hypothesis_decision (hypothesis_id, decision_id, outcome, rationale, evidence_ids,
                                                         decided_at, decided_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(event.hypothesisId(), event.decisionId(), event.outcome().name(), event.rationale(),
                        array(event.evidenceIds()), timestamp(context.occurredAt()), context.actor())
                .update();
        touch(event.hypothesisId(), context, "status = ?", event.outcome().name());
        timeline(event.hypothesisId(), "HypothesisDecided", context,
                "Decided " + event.outcome() + ": " + event.rationale());
    }

    @EventHandler
    void on(HypothesisRevisedEvent event, EventContext context) {
        jdbc.sql("""
                        UPDATE hypothesis SET title = COALESCE(?, title), statement = COALESCE(?, statement),
                                              success_criteria = COALESCE(?, success_criteria)
                        WHERE hypothesis_id = ?""")
                .params(event.title(), event.statement(), event.successCriteria(), event.hypothesisId())
                .update();
        touch(event.hypothesisId(), context, null, null);
        timeline(event.hypothesisId(), "HypothesisRevised", context, "Revised the wording: " + event.reason());
    }

    @EventHandler
    void on(EvidenceWithdrawnEvent event, EventContext context) {
        String direction = jdbc.sql("""
                        UPDATE hypothesis_evidence SET withdrawn_at = ?, withdrawal_reason = ?
                        WHERE hypothesis_id = ? AND evidence_id = ? RETURNING direction""")
                .params(timestamp(context.occurredAt()), event.reason(), event.hypothesisId(), event.evidenceId())
                .query(String.class).single();
        String counter = EvidenceDirection.valueOf(direction) == EvidenceDirection.SUPPORTS
                ? "supporting_count" : "contradicting_count";
        touch(event.hypothesisId(), context, counter + " = " + counter + " - ?", 1);
        timeline(event.hypothesisId(), "EvidenceWithdrawn", context,
                "Withdrew evidence " + event.evidenceId() + ": " + event.reason());
    }

    @EventHandler
    void on(HypothesisReopenedEvent event, EventContext context) {
        touch(event.hypothesisId(), context, "status = ?", "OPEN");
        timeline(event.hypothesisId(), "HypothesisReopened", context, "Reopened: " + event.reason());
    }

    @EventHandler
    void on(HypothesisPivotedEvent event, EventContext context) {
        jdbc.sql("UPDATE hypothesis SET successor_id = ? WHERE hypothesis_id = ?")
                .params(event.successorId(), event.hypothesisId()).update();
        touch(event.hypothesisId(), context, "status = ?", "PIVOTED");
        timeline(event.hypothesisId(), "HypothesisPivoted", context,
                "Pivoted to " + event.successorId() + ": " + event.rationale());
    }

    /** Sets one column (if given), the last activity and the version. */
    private void touch(String hypothesisId, EventContext context, String assignment, Object value) {
        String set = assignment == null ? "" : assignment + ", ";
        var statement = jdbc.sql("UPDATE hypothesis SET " + set + "last_activity_at = ?, version = ? WHERE hypothesis_id = ?");
        (assignment == null
                ? statement.params(timestamp(context.occurredAt()), context.sequenceNumber(), hypothesisId)
                : statement.params(value, timestamp(context.occurredAt()), context.sequenceNumber(), hypothesisId))
                .update();
    }

    private void timeline(String hypothesisId, String type, EventContext context, String summary) {
        jdbc.sql("""
                        INSERT INTO hypothesis_timeline (hypothesis_id, sequence_number, event_type, occurred_at, actor,
                                                         correlation_id, summary)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(hypothesisId, context.sequenceNumber(), type, timestamp(context.occurredAt()),
                        context.actor(), context.correlationId(), summary)
                .update();
    }
}
