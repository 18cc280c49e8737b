package io.insightledger.command.meeting;

import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.Channel;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

public record RecordMeetingCommand(
        @TargetAggregateIdentifier String meetingId,
        String title,
        Instant occurredAt,
        String organization,
        String segment,
        Channel channel,
        List<Attendee> attendees,
        String notes,
        List<String> tags,
        String workspaceId) {

    MeetingRecordedEvent toEvent() {
        return new MeetingRecordedEvent(meetingId, title, occurredAt, organization, segment, channel, attendees,
                notes, tags, workspaceId);
    }
}
