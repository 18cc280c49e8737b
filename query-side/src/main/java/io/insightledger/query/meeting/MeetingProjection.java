package io.insightledger.query.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import io.insightledger.query.system.BatchedWrites;
import io.insightledger.query.system.EventContext;
import io.insightledger.query.system.Projection;
import io.insightledger.query.system.SqlValues;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;


@Component
@ProcessingGroup(MeetingProjection.NAME)
class MeetingProjection implements Projection {

    static final String NAME = "meetings";
    /** Commutes with itself, so a batch may send all of them together, after its inserts. */
    private static final String MOVE_VERSION =
            "UPDATE meeting SET version = GREATEST(version, ?) WHERE meeting_id = ?";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;
    private final ObjectMapper json;

    MeetingProjection(JdbcClient jdbc, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    @EventHandler
    void on(MeetingRecordedEvent event, EventContext context) throws JsonProcessingException {
        writes.later("""
                        INSERT INTO meeting (meeting_id, title, occurred_at, organization, segment, channel, attendees,
                                             notes, tags, recorded_at, recorded_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""",
                event.meetingId(), event.title(), SqlValues.timestamp(event.occurredAt()), event.organization(),
                event.segment(), event.channel().name(), json.writeValueAsString(event.attendees()),
                event.notes(), SqlValues.array(event.tags()), SqlValues.timestamp(context.occurredAt()),
                context.actor(), context.sequenceNumber());
    }

    @EventHandler
    void on(MeetingNotesRevisedEvent event, EventContext context) {
        update(event.meetingId(), context, "notes = ?", event.notes());
    }

    @EventHandler
    void on(MeetingAttendeesReplacedEvent event, EventContext context) throws JsonProcessingException {
        update(event.meetingId(), context, "attendees = ?::jsonb", json.writeValueAsString(event.attendees()));
    }

    @EventHandler
    void on(MeetingRetractedEvent event, EventContext context) {
        update(event.meetingId(), context, "retracted = TRUE, retraction_reason = ?", event.reason());
    }

    @EventHandler
    void on(ObservationCapturedEvent event, EventContext context) {
        writes.later("""
                        INSERT INTO meeting_observation (meeting_id, observation_id, text, kind, speaker_role,
                                                         speaker_name, tags, captured_at, captured_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.meetingId(), event.observationId(), event.text(), event.kind().name(),
                event.speakerRole(), event.speakerName(), SqlValues.array(event.tags()),
                SqlValues.timestamp(context.occurredAt()), context.actor());
        writes.lastly(MOVE_VERSION, context.sequenceNumber(), event.meetingId());
    }

    @EventHandler
    void on(ObservationRevisedEvent event, EventContext context) {
        writes.now("""
                        UPDATE meeting_observation SET text = ?, revised_at = ?
                        WHERE meeting_id = ? AND observation_id = ?""",
                event.text(), SqlValues.timestamp(context.occurredAt()), event.meetingId(), event.observationId());
        writes.lastly(MOVE_VERSION, context.sequenceNumber(), event.meetingId());
    }

    /** Which hypotheses a meeting served as evidence for. */
    @EventHandler
    void on(EvidenceLinkedEvent event, EventContext context) {
        writes.later("""
                        INSERT INTO meeting_evidence (meeting_id, hypothesis_id, evidence_id, observation_id, direction,
                                                      strength, linked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                event.meetingId(), event.hypothesisId(), event.evidenceId(), event.observationId(),
                event.direction().name(), event.strength().name(), SqlValues.timestamp(context.occurredAt()));
    }

    @EventHandler
    void on(EvidenceWithdrawnEvent event, EventContext context) {
        writes.now("UPDATE meeting_evidence SET withdrawn_at = ? WHERE hypothesis_id = ? AND evidence_id = ?",
                SqlValues.timestamp(context.occurredAt()), event.hypothesisId(), event.evidenceId());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE meeting_evidence, meeting_observation, meeting").update();
        jdbc.sql("DELETE FROM projection_cursor WHERE projection = ?").param(NAME).update();
    }

    /** Sets one column and the meeting's version, after whatever the batch holds back. */
    private void update(String meetingId, EventContext context, String assignment, Object value) {
        writes.now("UPDATE meeting SET " + assignment + ", version = GREATEST(version, ?) WHERE meeting_id = ?",
                value, context.sequenceNumber(), meetingId);
    }
}
