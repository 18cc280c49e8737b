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
import io.insightledger.query.system.EventContext;
import io.insightledger.query.system.SqlValues;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;


@Component
@ProcessingGroup(MeetingProjection.NAME)
class MeetingProjection {

    static final String NAME = "meetings";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    MeetingProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(MeetingRecordedEvent event, EventContext context) throws JsonProcessingException {
        jdbc.sql("""
                        INSERT INTO meeting (meeting_id, title, occurred_at, organization, segment, channel, attendees,
                                             notes, tags, recorded_at, recorded_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(event.meetingId(), event.title(), SqlValues.timestamp(event.occurredAt()), event.organization(),
                        event.segment(), event.channel().name(), json.writeValueAsString(event.attendees()),
                        event.notes(), SqlValues.array(event.tags()), SqlValues.timestamp(context.occurredAt()),
                        context.actor(), context.sequenceNumber())
                .update();
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
        jdbc.sql("""
                        INSERT INTO meeting_observation (meeting_id, observation_id, text, kind, speaker_role,
                                                         speaker_name, tags, captured_at, captured_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.meetingId(), event.observationId(), event.text(), event.kind().name(),
                        event.speakerRole(), event.speakerName(), SqlValues.array(event.tags()),
                        SqlValues.timestamp(context.occurredAt()), context.actor())
                .update();
        update(event.meetingId(), context, null, null);
    }

    @EventHandler
    void on(ObservationRevisedEvent event, EventContext context) {
        jdbc.sql("UPDATE meeting_observation SET text = ?, revised_at = ? WHERE meeting_id = ? AND observation_id = ?")
                .params(event.text(), SqlValues.timestamp(context.occurredAt()), event.meetingId(),
                        event.observationId())
                .update();
        update(event.meetingId(), context, null, null);
    }

    /** Which hypotheses a meeting served as evidence for. */
    @EventHandler
    void on(EvidenceLinkedEvent event, EventContext context) {
        jdbc.sql("""
                        INSERT INTO meeting_evidence (meeting_id, hypothesis_id, evidence_id, observation_id, direction,
                                                      strength, linked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(event.meetingId(), event.hypothesisId(), event.evidenceId(), event.observationId(),
                        event.direction().name(), event.strength().name(), SqlValues.timestamp(context.occurredAt()))
                .update();
    }

    @EventHandler
    void on(EvidenceWithdrawnEvent event, EventContext context) {
        jdbc.sql("UPDATE meeting_evidence SET withdrawn_at = ? WHERE hypothesis_id = ? AND evidence_id = ?")
                .params(SqlValues.timestamp(context.occurredAt()), event.hypothesisId(), event.evidenceId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE meeting_evidence, meeting_observation, meeting").update();
        jdbc.sql("DELETE FROM projection_cursor WHERE projection = ?").param(NAME).update();
    }

    /** Sets one column (if given) and the meeting's version. */
    private void update(String meetingId, EventContext context, String assignment, Object value) {
        if (assignment == null) {
            jdbc.sql("UPDATE meeting SET version = ? WHERE meeting_id = ?")
                    .params(context.sequenceNumber(), meetingId).update();
        } else {
            jdbc.sql("UPDATE meeting SET " + assignment + ", version = ? WHERE meeting_id = ?")
                    .params(value, context.sequenceNumber(), meetingId).update();
        }
    }
}
