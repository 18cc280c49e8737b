package io.insightledger.query.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.query.system.EventContext;
import io.insightledger.query.system.SqlValues;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;


@Component
@ProcessingGroup(MeetingProjection.NAME)
class MeetingProjection {

    static final String NAME = "meetings";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    MeetingProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(MeetingRecordedEvent event, EventContext context) throws JsonProcessingException {
        jdbc.sql("""
                        INSERT INTO meeting (meeting_id, title, occurred_at, organization, segment, channel, attendees,
                                             notes, tags, recorded_at, recorded_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(event.meetingId(), event.title(), SqlValues.timestamp(event.occurredAt()), event.organization(),
                        event.segment(), event.channel().name(), json.writeValueAsString(event.attendees()),
                        event.notes(), SqlValues.array(event.tags()), SqlValues.timestamp(context.occurredAt()),
                        context.actor(), context.sequenceNumber())
                .update();
    }
}
