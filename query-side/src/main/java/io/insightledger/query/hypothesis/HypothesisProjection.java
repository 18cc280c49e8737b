package io.insightledger.query.hypothesis;

import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
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
                                                         direction, strength, note, linked_at, linked_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.hypothesisId(), event.evidenceId(), event.meetingId(), event.observationId(),
                        event.direction().name(), event.strength().name(), event.note(),
                        timestamp(context.occurredAt()), context.actor())
                .update();
        boolean supports = event.direction() == EvidenceDirection.SUPPORTS;
        jdbc.sql("""
                        UPDATE hypothesis SET supporting_count = supporting_count + ?,
                                              contradicting_count = contradicting_count + ?,
                                              last_activity_at = ?, version = ?
                        WHERE hypothesis_id = ?""")
                .params(supports ? 1 : 0, supports ? 0 : 1, timestamp(context.occurredAt()),
                        context.sequenceNumber(), event.hypothesisId())
                .update();
        timeline(event.hypothesisId(), "EvidenceLinked", context,
                "Linked " + event.strength().name().toLowerCase() + (supports ? " supporting" : " contradicting")
                        + " evidence from meeting " + event.meetingId());
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
        jdbc.sql("UPDATE hypothesis SET status = ?, last_activity_at = ?, version = ? WHERE hypothesis_id = ?")
                .params(event.outcome().name(), timestamp(context.occurredAt()), context.sequenceNumber(),
                        event.hypothesisId())
                .update();
        timeline(event.hypothesisId(), "HypothesisDecided", context,
                "Decided " + event.outcome() + ": " + event.rationale());
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
