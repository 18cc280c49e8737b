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
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.command.system.WorkspaceAccess;
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
import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.privacy.KeyErasedException;
import io.insightledger.platform.privacy.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A conversation with a customer organisation, and what was learned in it. Nothing is ever deleted: a correction is a
 * new event, and a retraction makes the meeting read-only. Every handler answers with the meeting's version.
 * <p>
 * Personal data goes into its events sealed ({@link PersonalData}): each attendee's and named speaker's name and role
 * under that person's key, the notes, observation texts and unnamed speakers' roles under the meeting's key. Sealing
 * is deterministic, so a command sent again compares equal to what it recorded the first time.
 */
@Aggregate(cache = "meetingCache")
public class Meeting {

    @AggregateIdentifier
    private String meetingId;
    private MeetingRecordedEvent recorded;
    private Sealed notes;
    private List<Attendee> attendees;
    private final Map<String, ObservationCapturedEvent> observations = new HashMap<>();
    private final Map<String, Sealed> observationTexts = new HashMap<>();
    private boolean retracted;
    private boolean redacted;
    private String workspaceId;
    private final Set<String> sharedWith = new HashSet<>();

    protected Meeting() {
        // for Axon: rebuilt from its events
    }

    /**
     * Holds every command on a recorded meeting to its workspace: a caller who is no member there finds nothing (404,
     * as for an id never used), members of a workspace it is shared with may only read it, and a member needs the role
     * the operation declares. A new meeting is checked by its own handler, against the workspace it names.
     */
    @CommandHandlerInterceptor
    Object onlyInItsWorkspace(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        // a redaction is an installation ADMIN's duty, in any workspace (its controller requires the role)
        if (workspaceId != null && !(command.getPayload() instanceof RedactMeetingCommand)) {
            WorkspaceAccess.holdTo(workspaceId, sharedWith, command, meetingId, RecordMeetingCommand.class,
                    "MeetingIdTaken");
        }
        return chain.proceed();
    }

    /**
     * Recording the same meeting twice (a client's retry) changes nothing; the same id with other content is a
     * conflict. Hence create-if-missing: the handler sees the meeting if it is already there.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RecordMeetingCommand command, MetaData metaData, PersonalData personal, PersonLookup people) {
        if (recorded == null) {
            WorkspaceAccess.of(metaData).requireToCreateIn(command.workspaceId());
        }
        String id = command.meetingId();
        String workspace = command.workspaceId();
        MeetingRecordedEvent event = new MeetingRecordedEvent(id, command.title(), command.occurredAt(),
                command.organization(), command.segment(), command.channel(),
                sealed(id, workspace, command.attendees(), personal, people),
                sealText(id, personal, command.notes()), command.tags(), workspace);
        if (recorded != null && !recorded.equals(event)) {
            throw RuleViolationException.conflict("MeetingIdTaken",
                    "Meeting " + meetingId + " was already recorded with different content");
        }
        if (recorded == null) {
            apply(event, WorkspaceAccess.eventMetaData(event.workspaceId()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReviseMeetingNotesCommand command, PersonalData personal) {
        requireChangeable();
        requireText();
        Sealed revised = sealText(meetingId, personal, command.notes());
        if (!revised.equals(notes)) {
            record(new MeetingNotesRevisedEvent(meetingId, revised, command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReplaceMeetingAttendeesCommand command, PersonalData personal, PersonLookup people) {
        requireChangeable();
        List<Attendee> replacing = sealed(meetingId, workspaceId, command.attendees(), personal, people);
        if (!replacing.equals(attendees)) {
            record(new MeetingAttendeesReplacedEvent(meetingId, replacing, command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** The same observation twice (a retry) changes nothing; other content under its id is a conflict. */
    @CommandHandler
    long handle(CaptureObservationCommand command, PersonalData personal, PersonLookup people) {
        requireText();
        ObservationCapturedEvent event = sealed(command, personal, people);
        ObservationCapturedEvent earlier = observations.get(command.observationId());
        if (earlier != null) {
            if (!earlier.equals(event)) {
                throw RuleViolationException.conflict("ObservationIdTaken",
                        "Observation " + command.observationId() + " was already captured with different content");
            }
            return AggregateLifecycle.getVersion();
        }
        requireChangeable();
        record(event);
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReviseObservationCommand command, PersonalData personal) {
        requireChangeable();
        Sealed current = observationTexts.get(command.observationId());
        if (current == null) {
            throw RuleViolationException.notFound("ObservationMustExist",
                    "Meeting " + meetingId + " has no observation " + command.observationId());
        }
        requireText();
        Sealed revised = sealText(meetingId, personal, command.text());
        if (!current.equals(revised)) {
            record(new ObservationRevisedEvent(meetingId, command.observationId(), revised, command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RetractMeetingCommand command) {
        requireChangeable();
        record(new MeetingRetractedEvent(meetingId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Deletes the meeting's key, so that its notes, observation texts and unnamed speakers' roles can never be read
     * again from any copy of its events; everything else stays. Redacting it again changes nothing. The key goes
     * first: should the event then fail to be stored, a retry records it, and the text is gone either way.
     */
    @CommandHandler
    long handle(RedactMeetingCommand command, PersonalData personal) {
        if (!redacted) {
            if (recorded.notes() != null && recorded.notes().key() == null) {
                throw RuleViolationException.conflict("RedactionNeedsSealedText", "Meeting " + meetingId
                        + " was recorded before personal data was sealed: its text is in clear in the event store, "
                        + "where no key can erase it (docs/privacy.md, existing data)");
            }
            personal.erase(PersonalData.meetingKey(meetingId));
            record(new MeetingRedactedEvent(meetingId, command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    /**
     * Shares the meeting, read-only, with another workspace, whose hypotheses may then cite it. Sharing it again
     * changes nothing.
     */
    @CommandHandler
    long handle(ShareMeetingCommand command, Workspaces workspaces) {
        requireChangeable();
        if (command.workspaceId().equals(workspaceId)) {
            throw RuleViolationException.unprocessable("ShareWithAnotherWorkspace",
                    "Meeting " + meetingId + " belongs to workspace " + workspaceId).concerning("workspace");
        }
        if (!sharedWith.contains(command.workspaceId())) {
            if (!workspaces.exists(command.workspaceId())) {
                throw RuleViolationException.unprocessable("ShareWithExistingWorkspace",
                        "There is no workspace " + command.workspaceId()).concerning("workspace");
            }
            record(new MeetingSharedEvent(meetingId, command.workspaceId()));
        }
        return AggregateLifecycle.getVersion();
    }

    /**
     * Ends a share: no new citations from that workspace, while those made stay in its hypotheses' history. Allowed on
     * a retracted meeting too; unsharing what is not shared changes nothing.
     */
    @CommandHandler
    long handle(UnshareMeetingCommand command) {
        if (sharedWith.contains(command.workspaceId())) {
            record(new MeetingUnsharedEvent(meetingId, command.workspaceId(), command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Every event of the meeting carries its workspace. */
    private void record(Object event) {
        apply(event, WorkspaceAccess.eventMetaData(workspaceId));
    }

    /**
     * Seals the attendees' names and roles, each under their person's key. An attendee named without an id is the
     * meeting's own person of that name: the same name twice in one meeting is one person, and a retry finds the
     * same id. A person of another workspace, or one erased, cannot be named again.
     */
    private static List<Attendee> sealed(String meetingId, String workspace, List<AttendeeAsWritten> attendees,
                                         PersonalData personal, PersonLookup people) {
        List<Attendee> sealed = new ArrayList<>();
        for (int i = 0; i < attendees.size(); i++) {
            AttendeeAsWritten attendee = attendees.get(i);
            String personId = personOf(meetingId, workspace, attendee.personId(), attendee.name(), personal, people,
                    "attendees[" + i + "].person");
            sealed.add(new Attendee(personId, sealForPerson(personId, personal, attendee.name()),
                    sealForPerson(personId, personal, attendee.role()), attendee.side()));
        }
        return List.copyOf(sealed);
    }

    /**
     * A named speaker is a person (an attendee of that name, or the one given by id); the role of a speaker who is
     * not named is free text of the meeting.
     */
    private ObservationCapturedEvent sealed(CaptureObservationCommand command, PersonalData personal,
                                            PersonLookup people) {
        String speakerId = command.speakerId() == null && command.speakerName() == null ? null
                : personOf(meetingId, workspaceId, command.speakerId(), command.speakerName(), personal, people,
                "speaker");
        Sealed role = speakerId == null ? sealText(meetingId, personal, command.speakerRole())
                : sealForPerson(speakerId, personal, command.speakerRole());
        return new ObservationCapturedEvent(meetingId, command.observationId(),
                sealText(meetingId, personal, command.text()), command.kind(), role, speakerId,
                speakerId == null ? null : sealForPerson(speakerId, personal, command.speakerName()),
                command.tags());
    }

    private static String personOf(String meetingId, String workspace, String givenId, String name,
                                   PersonalData personal, PersonLookup people, String field) {
        String personId = givenId != null ? givenId.toLowerCase(Locale.ROOT)
                : personal.personNamed(meetingId, name);
        people.find(personId).ifPresent(known -> {
            if (!known.workspaceId().equals(workspace)) {
                throw RuleViolationException.conflict("PersonIdTaken", "This person id is taken; choose another")
                        .concerning(field);
            }
            if (known.erased()) {
                throw personErased(personId, field);
            }
        });
        return personId;
    }

    private static Sealed sealForPerson(String personId, PersonalData personal, String text) {
        try {
            return personal.seal(PersonalData.personKey(personId), text);
        } catch (KeyErasedException e) {
            throw personErased(personId, null);
        }
    }

    private static RuleViolationException personErased(String personId, String field) {
        return RuleViolationException.conflict("ErasedPersonIsNotNamedAgain",
                "Person " + personId + " was erased and cannot be named again").concerning(field);
    }

    private static Sealed sealText(String meetingId, PersonalData personal, String text) {
        try {
            return personal.seal(PersonalData.meetingKey(meetingId), text);
        } catch (KeyErasedException e) {
            throw redactedMeetingTakesNoText(meetingId);
        }
    }

    /** Once its key is gone, a meeting takes no free text: nothing could ever read it. */
    private void requireText() {
        if (redacted) {
            throw redactedMeetingTakesNoText(meetingId);
        }
    }

    private static RuleViolationException redactedMeetingTakesNoText(String meetingId) {
        return RuleViolationException.conflict("RedactedMeetingTakesNoText",
                "Meeting " + meetingId + " was redacted: it takes no notes or observations any more");
    }

    private void requireChangeable() {
        if (retracted) {
            throw RuleViolationException.conflict("RetractedMeetingIsReadOnly",
                    "Meeting " + meetingId + " is RETRACTED and accepts nothing but reads");
        }
    }

    @EventSourcingHandler
    void on(MeetingRecordedEvent event) {
        meetingId = event.meetingId();
        recorded = event;
        notes = event.notes();
        attendees = event.attendees();
        workspaceId = event.workspaceId();
    }

    @EventSourcingHandler
    void on(MeetingSharedEvent event) {
        sharedWith.add(event.workspaceId());
    }

    @EventSourcingHandler
    void on(MeetingUnsharedEvent event) {
        sharedWith.remove(event.workspaceId());
    }

    @EventSourcingHandler
    void on(MeetingNotesRevisedEvent event) {
        notes = event.notes();
    }

    @EventSourcingHandler
    void on(MeetingAttendeesReplacedEvent event) {
        attendees = event.attendees();
    }

    @EventSourcingHandler
    void on(ObservationCapturedEvent event) {
        observations.put(event.observationId(), event);
        observationTexts.put(event.observationId(), event.text());
    }

    @EventSourcingHandler
    void on(ObservationRevisedEvent event) {
        observationTexts.put(event.observationId(), event.text());
    }

    @EventSourcingHandler
    void on(MeetingRetractedEvent event) {
        retracted = true;
    }

    @EventSourcingHandler
    void on(MeetingRedactedEvent event) {
        redacted = true;
    }
}
