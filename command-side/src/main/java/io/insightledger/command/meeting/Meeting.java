package io.insightledger.command.meeting;

import io.insightledger.command.system.RuleViolationException;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A conversation with a customer organisation, and what was learned in it. */
@Aggregate
public class Meeting {

    @AggregateIdentifier
    private String meetingId;
    private MeetingRecordedEvent recorded;

    protected Meeting() {
        // for Axon: rebuilt from its events
    }

    /**
     * Recording the same meeting twice (a client's retry) changes nothing; the same id with other content is a
     * conflict. Hence create-if-missing: the handler sees the meeting if it is already there.
     *
     * @return the meeting's version
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

    @EventSourcingHandler
    void on(MeetingRecordedEvent event) {
        meetingId = event.meetingId();
        recorded = event;
    }
}
