package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.CaptureObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ReplaceMeetingAttendeesCommand;
import io.insightledger.command.meeting.MeetingCommands.RetractMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseMeetingNotesCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseObservationCommand;
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    protected Meeting() {
        // for Axon: rebuilt from its events
    }

    /**
     * Recording the same meeting twice (a client's retry) changes nothing; the same id with other content is a
     * conflict. Hence create-if-missing: the handler sees the meeting if it is already there.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RecordMeetingCommand command) {
        MeetingRecordedEvent event = command.toEvent();
        if (recorded != null && !recorded.equals(event)) {
            throw RuleViolationException.conflict("MeetingIdTaken",
                    "Meeting " + meetingId + " was already recorded with different content");
        }
        if (recorded == null) {
            apply(event);
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReviseMeetingNotesCommand command) {
        requireChangeable();
        if (!command.notes().equals(notes)) {
            apply(new MeetingNotesRevisedEvent(meetingId, command.notes(), command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReplaceMeetingAttendeesCommand command) {
        requireChangeable();
        if (!command.attendees().equals(attendees)) {
            apply(new MeetingAttendeesReplacedEvent(meetingId, command.attendees(), command.reason()));
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
        apply(event);
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
            apply(new ObservationRevisedEvent(meetingId, command.observationId(), command.text(), command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RetractMeetingCommand command) {
        requireChangeable();
        apply(new MeetingRetractedEvent(meetingId, command.reason()));
        return AggregateLifecycle.getVersion();
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
