package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.CaptureObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ReplaceMeetingAttendeesCommand;
import io.insightledger.command.meeting.MeetingCommands.RetractMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseMeetingNotesCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ShareMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.UnshareMeetingCommand;
import io.insightledger.command.system.Members;
import io.insightledger.command.system.Violates;
import io.insightledger.events.EventMetadata;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.AttendeeSide;
import io.insightledger.events.meeting.Channel;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.MeetingSharedEvent;
import io.insightledger.events.meeting.MeetingUnsharedEvent;
import io.insightledger.events.meeting.ObservationKind;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleMissing;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
                "They rotate keys by hand.", List.of("security"), Members.WORKSPACE);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
        Members.actAsMemberByDefault(fixture);
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

    // workspaces

    @Test
    void WorkspaceNotFound_whenRecordingInAWorkspaceOfWhichOneIsNoMember() {
        fixture.givenNoPriorActivity()
                .when(RECORD, Members.access(Map.of("identity", Role.ADMIN), Role.CONTRIBUTOR))
                .expectNoEvents()
                .expectException(Violates.rule("WorkspaceNotFound"));
    }

    @Test
    void aMeetingOfAnotherWorkspaceIsNotFound_likeOneNeverRecorded() {
        fixture.given(RECORDED)
                .when(new ReviseMeetingNotesCommand("m-1", null, "Other notes", null),
                        Members.access(Map.of("identity", Role.ADMIN), Role.CONTRIBUTOR))
                .expectNoEvents()
                .expectException(Violates.rule("NotFound"));
    }

    @Test
    void MeetingIdTaken_inAnotherWorkspaceSaysNothingOfWhatIsThere() {
        fixture.given(RECORDED)
                .when(recordMeeting("m-1", "Key rotation"), Members.access(Map.of("identity", Role.ADMIN),
                        Role.CONTRIBUTOR))
                .expectNoEvents()
                .expectException(Violates.rule("MeetingIdTaken"))
                .expectExceptionMessage("This id is taken; choose another");
    }

    @Test
    void RoleRequired_inTheMeetingsWorkspace() {
        fixture.given(RECORDED)
                .when(new ReviseMeetingNotesCommand("m-1", null, "Other notes", null),
                        Members.access(Map.of(Members.WORKSPACE, Role.VIEWER, "identity", Role.ADMIN),
                                Role.CONTRIBUTOR))
                .expectNoEvents()
                .expectException(RoleMissing.class);
    }

    @Test
    void everyEventCarriesItsMeetingsWorkspace() {
        fixture.given(RECORDED)
                .when(CAPTURE)
                .expectEventsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate((EventMessage<?> event) ->
                                Members.WORKSPACE.equals(event.getMetaData().get(EventMetadata.WORKSPACE))),
                        Matchers.andNoMore()));
    }

    @Test
    void sharesAMeetingOnceAndEndsTheShare() {
        fixture.registerInjectableResource(workspaces("identity"));
        fixture.given(RECORDED)
                .when(new ShareMeetingCommand("m-1", null, "identity"))
                .expectEvents(new MeetingSharedEvent("m-1", "identity"));
        fixture.given(RECORDED, new MeetingSharedEvent("m-1", "identity"))
                .when(new ShareMeetingCommand("m-1", null, "identity"))
                .expectNoEvents();
        fixture.given(RECORDED, new MeetingSharedEvent("m-1", "identity"))
                .when(new UnshareMeetingCommand("m-1", null, "identity", "Their research is done"))
                .expectEvents(new MeetingUnsharedEvent("m-1", "identity", "Their research is done"));
        fixture.given(RECORDED)
                .when(new UnshareMeetingCommand("m-1", null, "identity", null))
                .expectNoEvents();
    }

    @Test
    void ShareWithAnotherWorkspace() {
        fixture.registerInjectableResource(workspaces(Members.WORKSPACE));
        fixture.given(RECORDED)
                .when(new ShareMeetingCommand("m-1", null, Members.WORKSPACE))
                .expectNoEvents()
                .expectException(Violates.rule("ShareWithAnotherWorkspace"));
    }

    @Test
    void ShareWithExistingWorkspace() {
        fixture.registerInjectableResource(workspaces());
        fixture.given(RECORDED)
                .when(new ShareMeetingCommand("m-1", null, "nobody-here"))
                .expectNoEvents()
                .expectException(Violates.rule("ShareWithExistingWorkspace"));
    }

    @Test
    void SharedMeetingIsReadOnly_forTheWorkspaceItIsSharedWith() {
        fixture.given(RECORDED, new MeetingSharedEvent("m-1", "identity"))
                .when(CAPTURE, Members.access(Map.of("identity", Role.ADMIN), Role.CONTRIBUTOR))
                .expectNoEvents()
                .expectException(Violates.rule("SharedMeetingIsReadOnly"));
        // after the share ended, the meeting is gone for them
        fixture.given(RECORDED, new MeetingSharedEvent("m-1", "identity"),
                        new MeetingUnsharedEvent("m-1", "identity", null))
                .when(CAPTURE, Members.access(Map.of("identity", Role.ADMIN), Role.CONTRIBUTOR))
                .expectNoEvents()
                .expectException(Violates.rule("NotFound"));
    }

    private static Workspaces workspaces(String... existing) {
        Workspaces workspaces = mock(Workspaces.class);
        for (String id : existing) {
            when(workspaces.exists(id)).thenReturn(true);
        }
        return workspaces;
    }
}
