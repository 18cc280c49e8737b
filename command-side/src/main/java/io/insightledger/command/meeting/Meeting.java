package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.CaptureObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ReplaceMeetingAttendeesCommand;
import io.insightledger.command.meeting.MeetingCommands.RetractMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseMeetingNotesCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ShareMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.UnshareMeetingCommand;
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.command.system.WorkspaceAccess;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.MeetingSharedEvent;
import io.insightledger.events.meeting.MeetingUnsharedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import io.insightledger.platform.identity.Workspaces;
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

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A conversation with a customer organisation, and what was learned in it. Nothing is ever deleted: a correction is a
 * new event, and a retraction makes the meeting read-only. Every handler answers with the meeting's version.
 */
@Aggregate(cache = "meetingCache")
public class Meeting {

    @AggregateIdentifier
    private String meetingId;
    private MeetingRecordedEvent recorded;
    private String notes;
    private List<Attendee> attendees;
    private final Map<String, ObservationCapturedEvent> observations = new HashMap<>();
    private final Map<String, String> observationTexts = new HashMap<>();
    private boolean retracted;
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
        if (workspaceId != null) {
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
    long handle(RecordMeetingCommand command, MetaData metaData) {
        MeetingRecordedEvent event = command.toEvent();
        if (recorded != null && !recorded.equals(event)) {
            throw RuleViolationException.conflict("MeetingIdTaken",
                    "Meeting " + meetingId + " was already recorded with different content");
        }
        if (recorded == null) {
            WorkspaceAccess.of(metaData).requireToCreateIn(event.workspaceId());
            apply(event, WorkspaceAccess.eventMetaData(event.workspaceId()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReviseMeetingNotesCommand command) {
        requireChangeable();
        if (!command.notes().equals(notes)) {
            record(new MeetingNotesRevisedEvent(meetingId, command.notes(), command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReplaceMeetingAttendeesCommand command) {
        requireChangeable();
        if (!command.attendees().equals(attendees)) {
            record(new MeetingAttendeesReplacedEvent(meetingId, command.attendees(), command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** The same observation twice (a retry) changes nothing; other content under its id is a conflict. */
    @CommandHandler
    long handle(CaptureObservationCommand command) {
        ObservationCapturedEvent event = command.toEvent();
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
    long handle(ReviseObservationCommand command) {
        requireChangeable();
        String current = observationTexts.get(command.observationId());
        if (current == null) {
            throw RuleViolationException.notFound("ObservationMustExist",
                    "Meeting " + meetingId + " has no observation " + command.observationId());
        }
        if (!current.equals(command.text())) {
            record(new ObservationRevisedEvent(meetingId, command.observationId(), command.text(), command.reason()));
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
}
