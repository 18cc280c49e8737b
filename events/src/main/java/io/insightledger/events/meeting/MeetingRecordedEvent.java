package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A conversation with a customer organisation took place and was written down. */
@Revision("1")
public record MeetingRecordedEvent(
        String meetingId,
        String title,
        Instant occurredAt,
        String organization,
        String segment,
        Channel channel,
        List<Attendee> attendees,
        String notes,
        List<String> tags) {
}
