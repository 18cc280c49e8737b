package io.insightledger.command.meeting;

import io.insightledger.events.meeting.MeetingRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Keeps {@code meeting_lookup} in the event store's database. Its processing group is subscribing, so each update
 * commits in the same transaction as the event it follows from.
 */
@Component
@ProcessingGroup("meeting-lookup")
class JdbcMeetingLookup implements MeetingLookup {

    private final JdbcClient jdbc;

    JdbcMeetingLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<KnownMeeting> find(String meetingId) {
        return jdbc.sql("SELECT meeting_id, organization, retracted FROM meeting_lookup WHERE meeting_id = ?")
                .param(meetingId)
                .query((rs, row) -> new KnownMeeting(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    @EventHandler
    void on(MeetingRecordedEvent event) {
        jdbc.sql("INSERT INTO meeting_lookup (meeting_id, organization) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.meetingId(), event.organization())
                .update();
    }
}
