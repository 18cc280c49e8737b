package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.CaptureObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ReplaceMeetingAttendeesCommand;
import io.insightledger.command.meeting.MeetingCommands.RetractMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseMeetingNotesCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseObservationCommand;
import io.insightledger.command.system.Violates;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.AttendeeSide;
import io.insightledger.events.meeting.Channel;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.ObservationKind;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** Every rule of the Meeting aggregate, given / when / then; each test is named after the rule it shows. */
class MeetingTest {

    private static final RecordMeetingCommand RECORD = recordMeeting("m-1", "Key rotation");
    private static final MeetingRecordedEvent RECORDED = RECORD.toEvent();
    private static final CaptureObservationCommand CAPTURE = new CaptureObservationCommand("m-1", null, "o-1",
            "We rotate keys by hand", ObservationKind.QUOTE, "Security engineer", null, List.of());

    private AggregateTestFixture<Meeting> fixture;

    static RecordMeetingCommand recordMeeting(String id, String title) {
        return new RecordMeetingCommand(id, title, Instant.parse("2026-03-02T10:00:00Z"), "Acme Bank", "bank",
                Channel.VIDEO, List.of(new Attendee("Kim", "Security engineer", AttendeeSide.CUSTOMER)),
                "They rotate keys by hand.", List.of("security"), "default");
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
    }

    @Test
    void recordsAMeeting() {
        fixture.givenNoPriorActivity()
                .when(RECORD)
                .expectSuccessfulHandlerExecution()
                .expectEvents(RECORDED)
                .expectResultMessagePayload(0L);
    }

    @Test
    void recordingTheSameMeetingAgainChangesNothing() {
        fixture.given(RECORDED)
                .when(RECORD)
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void MeetingIdTaken() {
        fixture.given(RECORDED)
                .when(recordMeeting("m-1", "Something else"))
                .expectNoEvents()
                .expectException(Violates.rule("MeetingIdTaken"));
    }

    @Test
    void revisesNotesKeepingTheOldTextInHistory() {
        fixture.given(RECORDED)
                .when(new ReviseMeetingNotesCommand("m-1", null, "They rotate keys yearly.", "misheard"))
                .expectEvents(new MeetingNotesRevisedEvent("m-1", "They rotate keys yearly.", "misheard"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void revisingNotesToTheSameTextChangesNothing() {
        fixture.given(RECORDED)
                .when(new ReviseMeetingNotesCommand("m-1", null, RECORDED.notes(), null))
                .expectNoEvents();
    }

    @Test
    void replacesAttendees() {
        List<Attendee> corrected = List.of(new Attendee("Kim Lee", "CISO", AttendeeSide.CUSTOMER));
        fixture.given(RECORDED)
                .when(new ReplaceMeetingAttendeesCommand("m-1", null, corrected, "wrong title"))
                .expectEvents(new MeetingAttendeesReplacedEvent("m-1", corrected, "wrong title"));
    }

    @Test
    void capturesAnObservation() {
        fixture.given(RECORDED)
                .when(CAPTURE)
                .expectEvents(CAPTURE.toEvent())
                .expectResultMessagePayload(1L);
    }

    @Test
    void capturingTheSameObservationAgainChangesNothing() {
        fixture.given(RECORDED, CAPTURE.toEvent())
                .when(CAPTURE)
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void ObservationIdTaken() {
        fixture.given(RECORDED, CAPTURE.toEvent())
                .when(new CaptureObservationCommand("m-1", null, "o-1", "Something else", ObservationKind.REQUEST,
                        "CTO", null, List.of()))
                .expectNoEvents()
                .expectException(Violates.rule("ObservationIdTaken"));
    }

    @Test
    void revisesAnObservation() {
        fixture.given(RECORDED, CAPTURE.toEvent())
                .when(new ReviseObservationCommand("m-1", null, "o-1", "We rotate keys by hand, yearly", "precise"))
                .expectEvents(new ObservationRevisedEvent("m-1", "o-1", "We rotate keys by hand, yearly", "precise"));
    }

    @Test
    void ObservationMustExist() {
        fixture.given(RECORDED)
                .when(new ReviseObservationCommand("m-1", null, "o-unknown", "text", null))
                .expectNoEvents()
                .expectException(Violates.rule("ObservationMustExist"));
    }

    @Test
    void retractsAMeeting() {
        fixture.given(RECORDED)
                .when(new RetractMeetingCommand("m-1", null, "recorded by mistake"))
                .expectEvents(new MeetingRetractedEvent("m-1", "recorded by mistake"));
    }

    @Test
    void RetractedMeetingIsReadOnly() {
        fixture.given(RECORDED, new MeetingRetractedEvent("m-1", "recorded by mistake"))
                .when(CAPTURE)
                .expectNoEvents()
                .expectException(Violates.rule("RetractedMeetingIsReadOnly"));
    }

    @Test
    void RetractedMeetingIsReadOnly_noSecondRetraction() {
        fixture.given(RECORDED, new MeetingRetractedEvent("m-1", "recorded by mistake"))
                .when(new RetractMeetingCommand("m-1", null, "again"))
                .expectNoEvents()
                .expectException(Violates.rule("RetractedMeetingIsReadOnly"));
    }
}
