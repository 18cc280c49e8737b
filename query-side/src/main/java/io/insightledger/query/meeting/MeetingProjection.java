package io.insightledger.query.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.Sealed;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRedactedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.MeetingSharedEvent;
import io.insightledger.events.meeting.MeetingUnsharedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import io.insightledger.events.person.PersonErasedEvent;
import io.insightledger.platform.privacy.PersonalData;
import io.insightledger.query.system.BatchWork;
import io.insightledger.query.system.BatchedWrites;
import io.insightledger.query.system.EventContext;
import io.insightledger.query.system.Projection;
import io.insightledger.query.system.ProjectionChanges;
import io.insightledger.query.system.SqlValues;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;


/**
 * The meetings views. Personal data arrives sealed and is opened here with its keys: a value whose key is gone (an
 * erased person, a redacted meeting) is stored as {@link PersonalData#ERASED_PERSON} or {@link PersonalData#REDACTED},
 * and an erasure or a redaction purges the copies opened before, so that a view shows the same before and after a
 * rebuild.
 */
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
    private final ProjectionChanges changes;
    private final PersonalData personal;

    MeetingProjection(JdbcClient jdbc, BatchedWrites writes, ObjectMapper json, ProjectionChanges changes,
                      PersonalData personal) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
        this.changes = changes;
        this.personal = personal;
    }

    @EventHandler
    void on(MeetingRecordedEvent event, EventContext context) throws JsonProcessingException {
        Optional<String> notes = personal.open(event.notes());
        // a sealed text whose key is gone: the meeting was redacted
        boolean redacted = event.notes() != null && notes.isEmpty();
        writes.later("""
                        INSERT INTO meeting (meeting_id, title, occurred_at, organization, segment, channel, attendees,
                                             notes, tags, recorded_at, recorded_by, version, workspace_id, redacted)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)""",
                event.meetingId(), event.title(), SqlValues.timestamp(event.occurredAt()), event.organization(),
                event.segment(), event.channel().name(), attendees(event.attendees(), event.workspaceId()),
                notes.orElse(redacted ? PersonalData.REDACTED : ""), SqlValues.array(event.tags()),
                SqlValues.timestamp(context.occurredAt()), context.actor(), context.sequenceNumber(),
                event.workspaceId(), redacted);
        changed(event.meetingId());
    }

    @EventHandler
    void on(MeetingNotesRevisedEvent event, EventContext context) {
        update(event.meetingId(), context, "notes = ?", text(event.notes()));
        changed(event.meetingId());
    }

    @EventHandler
    void on(MeetingAttendeesReplacedEvent event, EventContext context) throws JsonProcessingException {
        update(event.meetingId(), context, "attendees = ?::jsonb",
                attendees(event.attendees(), context.workspace()));
        changed(event.meetingId());
    }

    @EventHandler
    void on(MeetingRetractedEvent event, EventContext context) {
        update(event.meetingId(), context, "retracted = TRUE, retraction_reason = ?", event.reason());
        changed(event.meetingId());
    }

    @EventHandler
    void on(ObservationCapturedEvent event, EventContext context) {
        writes.later("""
                        INSERT INTO meeting_observation (meeting_id, observation_id, text, kind, speaker_role,
                                                         speaker_id, speaker_name, tags, captured_at, captured_by,
                                                         workspace_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.meetingId(), event.observationId(), text(event.text()), event.kind().name(),
                personal.open(event.speakerRole()).orElse(null), event.speakerId(), speakerName(event),
                SqlValues.array(event.tags()), SqlValues.timestamp(context.occurredAt()), context.actor(),
                context.workspace());
        if (event.speakerId() != null) {
            known(event.speakerId(), context.workspace());
        }
        writes.lastly(MOVE_VERSION, context.sequenceNumber(), event.meetingId());
        changed(event.meetingId());
    }

    @EventHandler
    void on(ObservationRevisedEvent event, EventContext context) {
        writes.now("""
                        UPDATE meeting_observation SET text = ?, revised_at = ?
                        WHERE meeting_id = ? AND observation_id = ?""",
                text(event.text()), SqlValues.timestamp(context.occurredAt()), event.meetingId(),
                event.observationId());
        writes.lastly(MOVE_VERSION, context.sequenceNumber(), event.meetingId());
        changed(event.meetingId());
    }

    /**
     * Shared again after a share ended, it is readable there again. Upserts, in order with the unsharing: a batch may
     * hold both.
     */
    @EventHandler
    void on(MeetingSharedEvent event, EventContext context) {
        writes.now("""
                        INSERT INTO meeting_share (meeting_id, workspace_id, owner_workspace_id, shared_at)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (meeting_id, workspace_id) DO UPDATE SET shared_at = EXCLUDED.shared_at,
                                                                             unshared_at = NULL""",
                event.meetingId(), event.workspaceId(), context.workspace(), SqlValues.timestamp(context.occurredAt()));
        writes.lastly(MOVE_VERSION, context.sequenceNumber(), event.meetingId());
        changed(event.meetingId());
    }

    /** The share's row stays, ended: the evidence cited while it lasted still names the meeting. */
    @EventHandler
    void on(MeetingUnsharedEvent event, EventContext context) {
        writes.now("""
                        UPDATE meeting_share SET unshared_at = ?
                        WHERE meeting_id = ? AND workspace_id = ? AND unshared_at IS NULL""",
                SqlValues.timestamp(context.occurredAt()), event.meetingId(), event.workspaceId());
        writes.lastly(MOVE_VERSION, context.sequenceNumber(), event.meetingId());
        changed(event.meetingId());
    }

    /** Which hypotheses a meeting served as evidence for, in the citing hypothesis's workspace. */
    @EventHandler
    void on(EvidenceLinkedEvent event, EventContext context) {
        writes.later("""
                        INSERT INTO meeting_evidence (meeting_id, hypothesis_id, evidence_id, observation_id, direction,
                                                      strength, linked_at, workspace_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                event.meetingId(), event.hypothesisId(), event.evidenceId(), event.observationId(),
                event.direction().name(), event.strength().name(), SqlValues.timestamp(context.occurredAt()),
                context.workspace());
        changed(event.meetingId());
    }

    @EventHandler
    void on(EvidenceWithdrawnEvent event, EventContext context) {
        writes.now("UPDATE meeting_evidence SET withdrawn_at = ? WHERE hypothesis_id = ? AND evidence_id = ?",
                SqlValues.timestamp(context.occurredAt()), event.hypothesisId(), event.evidenceId());
    }

    /**
     * The person's key is gone: every copy of their name and role opened before is purged, in the meetings that name
     * them and in the observations they made. Their observations' texts are the meeting's and stay.
     */
    @EventHandler
    void on(PersonErasedEvent event, EventContext context) {
        personal.forget(PersonalData.personKey(event.personId()));
        List<String> meetings = new ArrayList<>();
        writes.now("""
                        INSERT INTO person (person_id, workspace_id, erased_at) VALUES (?, ?, ?)
                        ON CONFLICT (person_id) DO UPDATE SET erased_at = EXCLUDED.erased_at""",
                event.personId(), context.workspace(), SqlValues.timestamp(context.occurredAt()));
        jdbc.sql("""
                        UPDATE meeting m SET attendees = (
                            SELECT jsonb_agg(CASE WHEN a->>'person' = :person
                                                  THEN jsonb_build_object('person', a->'person', 'side', a->'side',
                                                                          'name', :erased, 'erased', true)
                                                  ELSE a END ORDER BY n)
                            FROM jsonb_array_elements(m.attendees) WITH ORDINALITY AS x(a, n))
                        WHERE m.attendees @> jsonb_build_array(jsonb_build_object('person', :person))
                        RETURNING m.meeting_id""")
                .param("person", event.personId()).param("erased", PersonalData.ERASED_PERSON)
                .query(String.class).list().forEach(meetings::add);
        jdbc.sql("""
                        UPDATE meeting_observation SET speaker_name = ?, speaker_role = NULL WHERE speaker_id = ?
                        RETURNING meeting_id""")
                .params(PersonalData.ERASED_PERSON, event.personId())
                .query(String.class).list().forEach(meetings::add);
        meetings.stream().distinct().forEach(this::changed);
    }

    /**
     * The meeting's key is gone: its notes, observation texts and unnamed speakers' roles opened before are purged.
     */
    @EventHandler
    void on(MeetingRedactedEvent event, EventContext context) {
        personal.forget(PersonalData.meetingKey(event.meetingId()));
        update(event.meetingId(), context, "redacted = TRUE, notes = ?", PersonalData.REDACTED);
        writes.now("""
                        UPDATE meeting_observation
                        SET text = ?, speaker_role = CASE WHEN speaker_id IS NULL THEN NULL ELSE speaker_role END
                        WHERE meeting_id = ?""",
                PersonalData.REDACTED, event.meetingId());
        changed(event.meetingId());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE meeting_evidence, meeting_observation, meeting_share, meeting, person").update();
        jdbc.sql("DELETE FROM projection_cursor WHERE projection = ?").param(NAME).update();
    }

    /**
     * Tells the stream's clients, once per meeting and batch, when the batch's writes are out: a client hears of it
     * in the meeting's workspace and in those it is shared with then.
     */
    private void changed(String meetingId) {
        BatchWork work = BatchWork.current();
        if (work == null) {
            announce(List.of(meetingId));
            return;
        }
        work.held(ChangedMeetings.class.getName(), () -> {
            ChangedMeetings changed = new ChangedMeetings(new LinkedHashSet<>());
            work.atEnd(() -> {
                writes.flush();
                announce(changed.ids());
            });
            return changed;
        }).ids().add(meetingId);
    }

    private record ChangedMeetings(Set<String> ids) {
    }

    /** A meeting not projected yet (its evidence came first) is announced when it is. */
    private void announce(Collection<String> meetingIds) {
        jdbc.sql("""
                        SELECT m.meeting_id, m.version, m.workspace_id,
                               ARRAY(SELECT s.workspace_id FROM meeting_share s
                                     WHERE s.meeting_id = m.meeting_id AND s.unshared_at IS NULL ORDER BY 1)
                        FROM meeting m WHERE m.meeting_id = ANY(?)""")
                .param(meetingIds.toArray(String[]::new))
                .query(rs -> {
                    changes.announce(NAME, rs.getString(1), rs.getLong(2), rs.getString(3),
                            SqlValues.strings(rs.getArray(4)));
                });
    }

    /**
     * The attendees as the views store them, opened: an erased person's name reads {@link PersonalData#ERASED_PERSON},
     * without a role. Each becomes a known person of the workspace.
     */
    private String attendees(List<Attendee> attendees, String workspace) throws JsonProcessingException {
        List<MeetingView.Attendee> opened = attendees.stream().map(attendee -> {
            Optional<String> name = personal.open(attendee.name());
            return new MeetingView.Attendee(attendee.personId(), name.orElse(PersonalData.ERASED_PERSON),
                    name.flatMap(named -> personal.open(attendee.role())).orElse(null), attendee.side().name(),
                    name.isEmpty());
        }).toList();
        attendees.stream().map(Attendee::personId).filter(Objects::nonNull).forEach(id -> known(id, workspace));
        return json.writeValueAsString(opened);
    }

    /** A named speaker whose key is gone (their role no longer opens) reads as erased, as the erasure purges it. */
    private String speakerName(ObservationCapturedEvent event) {
        Optional<String> name = personal.open(event.speakerName());
        if (event.speakerId() == null || name.isPresent()) {
            return name.orElse(null);
        }
        return personal.open(event.speakerRole()).isEmpty() ? PersonalData.ERASED_PERSON : null;
    }

    /** Free text of the meeting, opened; {@link PersonalData#REDACTED} once its key is gone. */
    private String text(Sealed sealed) {
        return sealed == null ? "" : personal.open(sealed).orElse(PersonalData.REDACTED);
    }

    private void known(String personId, String workspace) {
        writes.later("INSERT INTO person (person_id, workspace_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                personId, workspace);
    }

    /** Sets one column and the meeting's version, after whatever the batch holds back. */
    private void update(String meetingId, EventContext context, String assignment, Object value) {
        writes.now("UPDATE meeting SET " + assignment + ", version = GREATEST(version, ?) WHERE meeting_id = ?",
                value, context.sequenceNumber(), meetingId);
    }
}
