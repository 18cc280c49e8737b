package io.insightledger.command.meeting;

import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingRetractedEvent;
import io.insightledger.events.meeting.MeetingSharedEvent;
import io.insightledger.events.meeting.MeetingUnsharedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps {@code meeting_lookup} and {@code observation_lookup} in the event store's database. Its processing group is
 * subscribing, so each update commits in the same transaction as the event it follows from.
 */
@Component
@ProcessingGroup("command-lookups")
class JdbcMeetingLookup implements MeetingLookup {

    private final JdbcClient jdbc;

    JdbcMeetingLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<KnownMeeting> find(String meetingId) {
        return jdbc.sql("SELECT organization, retracted, workspace_id FROM meeting_lookup WHERE meeting_id = ?")
                .param(meetingId)
                .query((rs, row) -> new KnownMeeting(meetingId, rs.getString(1), rs.getBoolean(2), new HashSet<>(
                        jdbc.sql("SELECT observation_id FROM observation_lookup WHERE meeting_id = ?")
                                .param(meetingId).query(String.class).list()), rs.getString(3), Set.copyOf(
                        jdbc.sql("SELECT workspace_id FROM meeting_share_lookup WHERE meeting_id = ?")
                                .param(meetingId).query(String.class).list())))
                .optional();
    }

    @EventHandler
    void on(MeetingRecordedEvent event) {
        jdbc.sql("""
                        INSERT INTO meeting_lookup (meeting_id, organization, workspace_id, occurred_at)
                        VALUES (?, ?, ?, ?)""")
                .params(event.meetingId(), event.organization(), event.workspaceId(),
                        Timestamp.from(event.occurredAt()))
                .update();
    }

    @EventHandler
    void on(MeetingSharedEvent event) {
        jdbc.sql("INSERT INTO meeting_share_lookup (meeting_id, workspace_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.meetingId(), event.workspaceId())
                .update();
    }

    @EventHandler
    void on(MeetingUnsharedEvent event) {
        jdbc.sql("DELETE FROM meeting_share_lookup WHERE meeting_id = ? AND workspace_id = ?")
                .params(event.meetingId(), event.workspaceId())
                .update();
    }

    @EventHandler
    void on(ObservationCapturedEvent event) {
        jdbc.sql("INSERT INTO observation_lookup (meeting_id, observation_id) VALUES (?, ?)")
                .params(event.meetingId(), event.observationId())
                .update();
    }

    @EventHandler
    void on(MeetingRetractedEvent event) {
        jdbc.sql("UPDATE meeting_lookup SET retracted = TRUE WHERE meeting_id = ?").param(event.meetingId()).update();
    }
}
