package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.AttendeeAsWritten;
import io.insightledger.events.meeting.Channel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** A meeting as the request names it, in clear: the meeting seals its personal data into its event. */
public record RecordMeetingCommand(
        @TargetAggregateIdentifier String meetingId,
        String title,
        Instant occurredAt,
        String organization,
        String segment,
        Channel channel,
        List<AttendeeAsWritten> attendees,
        String notes,
        List<String> tags,
        String workspaceId) {
}
