package io.insightledger.query.meeting;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.AttendeeSide;
import io.insightledger.events.meeting.Channel;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRedactedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationKind;
import io.insightledger.events.person.PersonErasedEvent;
import io.insightledger.platform.privacy.KeysInMemory;
import io.insightledger.platform.privacy.PersonalData;
import io.insightledger.query.system.EventContext;
import io.insightledger.query.system.ProjectionDatabase;
import io.insightledger.query.system.ReadScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;

import static io.insightledger.query.system.ProjectionDatabase.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the meetings views hold of a person after an erasure, and of a meeting's text after a redaction: the purge of
 * the copies opened before leaves exactly what a rebuild from the same events (whose keys are gone) makes, and the
 * personal data appears in no row.
 */
class MeetingPrivacyTest {

    @RegisterExtension
    static final ProjectionDatabase database = new ProjectionDatabase();

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String KIM = "0b1e4f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String LEE = "7d1e4f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5c";

    private PersonalData personal;
    private MeetingProjection projection;
    private List<Object> events;

    @BeforeEach
    void record() throws Exception {
        personal = KeysInMemory.personalData();
        projection = new MeetingProjection(database.owner(), database.writes(), new ObjectMapper(),
                database.changes(), personal);
        projection.reset();
        String meeting = PersonalData.meetingKey("m-1");
        events = List.of(
                new MeetingRecordedEvent("m-1", "Key rotation", T0, "Acme Bank", "bank", Channel.VIDEO,
                        List.of(attendee(KIM, "Kim Laine", "Head of platform security"),
                                attendee(LEE, "Lee Park", "CISO")),
                        personal.seal(meeting, "Keys are rotated by hand"), List.of(), "payments"),
                new ObservationCapturedEvent("m-1", "o-1", personal.seal(meeting, "It hurts every quarter"),
                        ObservationKind.QUOTE, personal.seal(PersonalData.personKey(KIM), "Head of platform security"),
                        KIM, personal.seal(PersonalData.personKey(KIM), "Kim Laine"), List.of()),
                new ObservationCapturedEvent("m-1", "o-2", personal.seal(meeting, "Someone from ops agrees"),
                        ObservationKind.QUOTE, personal.seal(meeting, "Ops lead"), null, null, List.of()));
        project(events);
    }

    @Test
    void anErasedPersonReadsAsErasedInEveryMeetingBeforeAndAfterARebuild() throws Exception {
        personal.erase(PersonalData.personKey(KIM));
        PersonErasedEvent erased = new PersonErasedEvent(KIM, "data subject's request");
        projection.on(erased, at(10));
        String purged = everything();

        assertThat(purged).doesNotContain("Kim Laine", "Head of platform security")
                .contains("Lee Park", "CISO", "It hurts every quarter");
        MeetingView view = meeting();
        assertThat(view.attendees()).extracting(MeetingView.Attendee::person, MeetingView.Attendee::name,
                        MeetingView.Attendee::role, MeetingView.Attendee::erased)
                .containsExactly(tuple(KIM, PersonalData.ERASED_PERSON, null, true),
                        tuple(LEE, "Lee Park", "CISO", false));
        assertThat(view.observations().get(0).speakerName()).isEqualTo(PersonalData.ERASED_PERSON);
        assertThat(view.observations().get(0).speakerRole()).isNull();
        assertThat(database.owner().sql("SELECT erased_at IS NOT NULL FROM person WHERE person_id = ?").param(KIM)
                .query(Boolean.class).single()).isTrue();

        projection.reset();
        project(events);
        projection.on(erased, at(10));
        assertThat(everything()).isEqualTo(purged);
    }

    @Test
    void aRedactedMeetingsTextReadsRedactedBeforeAndAfterARebuild() throws Exception {
        personal.erase(PersonalData.meetingKey("m-1"));
        MeetingRedactedEvent redacted = new MeetingRedactedEvent("m-1", "erasure request");
        projection.on(redacted, at(10));
        String purged = everything();

        assertThat(purged).doesNotContain("rotated by hand", "It hurts", "agrees", "Ops lead")
                .contains("Kim Laine", "Lee Park");
        MeetingView view = meeting();
        assertThat(view.redacted()).isTrue();
        assertThat(view.notes()).isEqualTo(PersonalData.REDACTED);
        assertThat(view.observations()).extracting(MeetingView.Observation::text)
                .containsOnly(PersonalData.REDACTED);
        assertThat(view.observations().get(1).speakerRole()).isNull();

        projection.reset();
        project(events);
        projection.on(redacted, at(10));
        assertThat(everything()).isEqualTo(purged);
    }

    private Attendee attendee(String person, String name, String role) {
        return new Attendee(person, personal.seal(PersonalData.personKey(person), name),
                personal.seal(PersonalData.personKey(person), role), AttendeeSide.CUSTOMER);
    }

    private void project(List<Object> events) throws Exception {
        for (int i = 0; i < events.size(); i++) {
            Object event = events.get(i);
            if (event instanceof MeetingRecordedEvent recorded) {
                assertThat(recorded.notes()).isNotNull();
                projection.on(recorded, at(i));
            } else {
                projection.on((ObservationCapturedEvent) event, at(i));
            }
        }
    }

    private MeetingView meeting() {
        signIn("payments");
        return new MeetingReads(JdbcClient.create(database.reads()), new ObjectMapper())
                .meeting("m-1", ReadScope.of(null)).orElseThrow();
    }

    /** Every row the meetings views hold, as text. */
    private static String everything() {
        JdbcClient owner = database.owner();
        return owner.sql("SELECT attendees::text, notes, redacted FROM meeting").query().listOfRows()
                + " " + owner.sql("""
                        SELECT observation_id, text, speaker_id, speaker_name, speaker_role FROM meeting_observation
                        ORDER BY observation_id""").query().listOfRows()
                + " " + owner.sql("SELECT person_id, workspace_id FROM person ORDER BY 1").query().listOfRows();
    }

    private static EventContext at(long sequence) {
        return new EventContext(T0.plusSeconds(sequence), "sam", null, sequence, "payments");
    }
}
