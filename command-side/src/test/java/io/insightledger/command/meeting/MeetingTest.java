package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.AttendeeAsWritten;
import io.insightledger.command.meeting.MeetingCommands.CaptureObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.RedactMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReplaceMeetingAttendeesCommand;
import io.insightledger.command.meeting.MeetingCommands.RetractMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseMeetingNotesCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ShareMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.UnshareMeetingCommand;
import io.insightledger.command.person.PersonLookup;
import io.insightledger.command.system.Members;
import io.insightledger.command.system.Violates;
import io.insightledger.events.EventMetadata;
import io.insightledger.events.Sealed;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.AttendeeSide;
import io.insightledger.events.meeting.Channel;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRedactedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.MeetingSharedEvent;
import io.insightledger.events.meeting.MeetingUnsharedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationKind;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.privacy.KeysInMemory;
import io.insightledger.platform.privacy.PersonalData;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Every rule of the Meeting aggregate, given / when / then; each test is named after the rule it shows. */
class MeetingTest {

    /** Sealing is deterministic: the events expected are sealed with the keys the aggregate uses. */
    private static final PersonalData PERSONAL = KeysInMemory.personalData();
    private static final RecordMeetingCommand RECORD = recordMeeting("m-1", "Key rotation");
    private static final MeetingRecordedEvent RECORDED = new MeetingRecordedEvent("m-1", "Key rotation",
            RECORD.occurredAt(), "Acme Bank", "bank", Channel.VIDEO,
            List.of(attendee("Kim", "Security engineer", AttendeeSide.CUSTOMER)), text("They rotate keys by hand."),
            List.of("security"), Members.WORKSPACE);
    private static final CaptureObservationCommand CAPTURE = new CaptureObservationCommand("m-1", null, "o-1",
            "We rotate keys by hand", ObservationKind.QUOTE, "Security engineer", null, null, List.of());
    private static final ObservationCapturedEvent CAPTURED = new ObservationCapturedEvent("m-1", "o-1",
            text("We rotate keys by hand"), ObservationKind.QUOTE, text("Security engineer"), null, null, List.of());

    private final PersonLookup people = mock(PersonLookup.class);
    private AggregateTestFixture<Meeting> fixture;

    static RecordMeetingCommand recordMeeting(String id, String title) {
        return new RecordMeetingCommand(id, title, Instant.parse("2026-03-02T10:00:00Z"), "Acme Bank", "bank",
                Channel.VIDEO, List.of(new AttendeeAsWritten(null, "Kim", "Security engineer",
                AttendeeSide.CUSTOMER)), "They rotate keys by hand.", List.of("security"), Members.WORKSPACE);
    }

    /** Free text of meeting m-1, sealed under its key. */
    private static Sealed text(String text) {
        return PERSONAL.seal(PersonalData.meetingKey("m-1"), text);
    }

    /** The person meeting m-1 names by that name. */
    private static String personNamed(String name) {
        return PERSONAL.personNamed("m-1", name);
    }

    private static Attendee attendee(String name, String role, AttendeeSide side) {
        String person = personNamed(name);
        return new Attendee(person, PERSONAL.seal(PersonalData.personKey(person), name),
                PERSONAL.seal(PersonalData.personKey(person), role), side);
    }

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(PERSONAL);
    }

    /** Resources resolve first-registered-first: a test with keys of its own gets a fixture of its own. */
    private AggregateTestFixture<Meeting> fixtureWith(PersonalData personal) {
        AggregateTestFixture<Meeting> created = new AggregateTestFixture<>(Meeting.class);
        created.registerInjectableResource(personal);
        created.registerInjectableResource(people);
        Members.actAsMemberByDefault(created);
        return created;
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
                .expectEvents(new MeetingNotesRevisedEvent("m-1", text("They rotate keys yearly."), "misheard"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void revisingNotesToTheSameTextChangesNothing() {
        fixture.given(RECORDED)
                .when(new ReviseMeetingNotesCommand("m-1", null, RECORD.notes(), null))
                .expectNoEvents();
    }

    @Test
    void replacesAttendees() {
        fixture.given(RECORDED)
                .when(new ReplaceMeetingAttendeesCommand("m-1", null,
                        List.of(new AttendeeAsWritten(null, "Kim Lee", "CISO", AttendeeSide.CUSTOMER)), "wrong title"))
                .expectEvents(new MeetingAttendeesReplacedEvent("m-1",
                        List.of(attendee("Kim Lee", "CISO", AttendeeSide.CUSTOMER)), "wrong title"));
    }

    @Test
    void capturesAnObservation() {
        fixture.given(RECORDED)
                .when(CAPTURE)
                .expectEvents(CAPTURED)
                .expectResultMessagePayload(1L);
    }

    @Test
    void capturingTheSameObservationAgainChangesNothing() {
        fixture.given(RECORDED, CAPTURED)
                .when(CAPTURE)
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void ObservationIdTaken() {
        fixture.given(RECORDED, CAPTURED)
                .when(new CaptureObservationCommand("m-1", null, "o-1", "Something else", ObservationKind.REQUEST,
                        "CTO", null, null, List.of()))
                .expectNoEvents()
                .expectException(Violates.rule("ObservationIdTaken"));
    }

    @Test
    void revisesAnObservation() {
        fixture.given(RECORDED, CAPTURED)
                .when(new ReviseObservationCommand("m-1", null, "o-1", "We rotate keys by hand, yearly", "precise"))
                .expectEvents(new ObservationRevisedEvent("m-1", "o-1", text("We rotate keys by hand, yearly"),
                        "precise"));
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

    /** An attendee and a speaker of the same name in one meeting are one person, named in both by one id. */
    @Test
    void aNamedSpeakerIsTheAttendeeOfThatName() {
        String kim = personNamed("Kim");
        fixture.given(RECORDED)
                .when(new CaptureObservationCommand("m-1", null, "o-2", "Keys hurt", ObservationKind.QUOTE,
                        "Security engineer", null, "kim", List.of()))
                .expectEvents(new ObservationCapturedEvent("m-1", "o-2", text("Keys hurt"), ObservationKind.QUOTE,
                        PERSONAL.seal(PersonalData.personKey(kim), "Security engineer"), kim,
                        PERSONAL.seal(PersonalData.personKey(kim), "kim"), List.of()));
    }

    @Test
    void PersonIdTaken() {
        String elsewhere = "0b1e4f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5b";
        when(people.find(elsewhere)).thenReturn(Optional.of(
                new PersonLookup.KnownPerson(elsewhere, "another-team", Instant.EPOCH, null)));
        fixture.givenNoPriorActivity()
                .when(new RecordMeetingCommand("m-1", "Key rotation", RECORD.occurredAt(), "Acme Bank", "bank",
                        Channel.VIDEO, List.of(new AttendeeAsWritten(elsewhere, "Kim", "CISO", AttendeeSide.CUSTOMER)),
                        "", List.of(), Members.WORKSPACE))
                .expectNoEvents()
                .expectException(Violates.rule("PersonIdTaken"));
    }

    @Test
    void ErasedPersonIsNotNamedAgain() {
        String kim = personNamed("Kim");
        PersonalData personal = KeysInMemory.personalData();
        personal.erase(PersonalData.personKey(personal.personNamed("m-1", "Kim")));
        fixtureWith(personal).givenNoPriorActivity()
                .when(RECORD)
                .expectNoEvents()
                .expectException(Violates.rule("ErasedPersonIsNotNamedAgain"));
        when(people.find(kim)).thenReturn(Optional.of(
                new PersonLookup.KnownPerson(kim, Members.WORKSPACE, Instant.EPOCH, Instant.EPOCH)));
        fixture.given(RECORDED)
                .when(new ReplaceMeetingAttendeesCommand("m-1", null,
                        List.of(new AttendeeAsWritten(kim, "Kim", "CISO", AttendeeSide.CUSTOMER)), null))
                .expectNoEvents()
                .expectException(Violates.rule("ErasedPersonIsNotNamedAgain"));
    }

    @Test
    void redactsAMeetingOnceAndItsKeyIsGone() {
        PersonalData personal = KeysInMemory.personalData();
        Sealed notes = personal.seal(PersonalData.meetingKey("m-1"), "They rotate keys by hand.");
        fixtureWith(personal).given(RECORDED)
                .when(new RedactMeetingCommand("m-1", "erasure request"))
                .expectEvents(new MeetingRedactedEvent("m-1", "erasure request"));
        assertThat(personal.open(notes)).isEmpty();
        fixture.given(RECORDED, new MeetingRedactedEvent("m-1", "erasure request"))
                .when(new RedactMeetingCommand("m-1", "again"))
                .expectNoEvents();
    }

    @Test
    void RedactedMeetingTakesNoText() {
        fixture.given(RECORDED, new MeetingRedactedEvent("m-1", "erasure request"))
                .when(CAPTURE)
                .expectNoEvents()
                .expectException(Violates.rule("RedactedMeetingTakesNoText"));
    }

    /** A meeting recorded before sealing has its text in clear in the store: no key could erase it. */
    @Test
    void RedactionNeedsSealedText() {
        fixture.given(new MeetingRecordedEvent("m-1", "Key rotation", RECORD.occurredAt(), "Acme Bank", "bank",
                        Channel.VIDEO, List.of(), Sealed.inClear("They rotate keys by hand."), List.of(),
                        Members.WORKSPACE))
                .when(new RedactMeetingCommand("m-1", "erasure request"))
                .expectNoEvents()
                .expectException(Violates.rule("RedactionNeedsSealedText"));
    }

    private static Workspaces workspaces(String... existing) {
        Workspaces workspaces = mock(Workspaces.class);
        for (String id : existing) {
            when(workspaces.exists(id)).thenReturn(true);
        }
        return workspaces;
    }
}
