package io.insightledger.query.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.UncheckedIOException;
import java.util.List;

@RestController
@RequestMapping("/api/meetings")
class MeetingQueryController {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final CollectionType attendeeList;

    MeetingQueryController(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.attendeeList = json.getTypeFactory().constructCollectionType(List.class, Attendee.class);
    }

    @GetMapping("/{id}")
    MeetingView meeting(@PathVariable String id) {
        List<MeetingView.Observation> observations = jdbc.sql("""
                        SELECT * FROM meeting_observation WHERE meeting_id = ? ORDER BY captured_at, observation_id""")
                .param(id)
                .query((rs, row) -> new MeetingView.Observation(rs.getString("observation_id"), rs.getString("text"),
                        rs.getString("kind"), rs.getString("speaker_role"), rs.getString("speaker_name"),
                        SqlValues.strings(rs.getArray("tags")), SqlValues.instant(rs.getTimestamp("captured_at")),
                        rs.getString("captured_by"), SqlValues.instant(rs.getTimestamp("revised_at"))))
                .list();
        return jdbc.sql("SELECT * FROM meeting WHERE meeting_id = ?")
                .param(id)
                .query((rs, row) -> new MeetingView(
                        rs.getString("meeting_id"),
                        rs.getString("title"),
                        SqlValues.instant(rs.getTimestamp("occurred_at")),
                        rs.getString("organization"),
                        rs.getString("segment"),
                        rs.getString("channel"),
                        attendees(rs.getString("attendees")),
                        rs.getString("notes"),
                        SqlValues.strings(rs.getArray("tags")),
                        SqlValues.instant(rs.getTimestamp("recorded_at")),
                        rs.getString("recorded_by"),
                        rs.getBoolean("retracted"),
                        rs.getString("retraction_reason"),
                        observations,
                        rs.getLong("version")))
                .optional()
                .orElseThrow(() -> new NotFoundException("meeting", id));
    }

    private List<Attendee> attendees(String value) {
        try {
            return json.readValue(value, attendeeList);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
