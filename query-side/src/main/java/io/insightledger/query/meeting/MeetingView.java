package io.insightledger.query.meeting;

import io.insightledger.events.meeting.Attendee;

import java.time.Instant;
import java.util.List;

/** A meeting as the query API shows it. */
public record MeetingView(
        String id,
        String title,
        Instant occurredAt,
        String organization,
        String segment,
        String channel,
        List<Attendee> attendees,
        String notes,
        List<String> tags,
        Instant recordedAt,
        String recordedBy,
        long version) {
}
