package io.insightledger.query.meeting;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadYourWrites;
import io.insightledger.query.system.ReadsProjections;
import io.insightledger.query.system.SqlValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/meetings")
@RoleRequired(Role.VIEWER)
@Tag(name = "Meetings", description = """
        The customer meetings recorded, with their observations and the hypotheses each served as evidence for.""")
@ReadsProjections
class MeetingQueryController {

    private static final String UNKNOWN = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No meeting is known under id m-acme-1", "instance": "/api/meetings/m-acme-1"}""";

    /** One meeting in a list. */
    record MeetingSummary(String id, String title, Instant occurredAt, String organization, String segment,
                          String channel, List<String> tags, int observationCount, int evidenceCount,
                          boolean retracted) {
    }

    /** A hypothesis the meeting served as evidence for. */
    record ServedAsEvidence(String hypothesisId, String hypothesisTitle, String evidenceId, String observationId,
                            String direction, String strength, Instant linkedAt, Instant withdrawnAt) {
    }

    private static final String SUMMARY_COLUMNS = """
            m.*, (SELECT count(*) FROM meeting_observation o WHERE o.meeting_id = m.meeting_id) AS observation_count,
                 (SELECT count(*) FROM meeting_evidence e WHERE e.meeting_id = m.meeting_id
                                                            AND e.withdrawn_at IS NULL) AS evidence_count""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final CollectionType attendeeList;
    private final ProjectionAdmin projections;
    private final ReadYourWrites readYourWrites;

    MeetingQueryController(JdbcClient jdbc, ObjectMapper json, ProjectionAdmin projections,
                           ReadYourWrites readYourWrites) {
        this.jdbc = jdbc;
        this.json = json;
        this.attendeeList = json.getTypeFactory().constructCollectionType(List.class, Attendee.class);
        this.projections = projections;
        this.readYourWrites = readYourWrites;
    }

    @Operation(summary = "List meetings", description = """
            Meetings, most recent first, a page at a time: each with its organisation, segment, channel, tags, how \
            many observations it holds and how much evidence it gave (withdrawn evidence not counted), and whether \
            it was retracted. Filtered by organisation, segment, tag and the period the meeting took place in.""")
    @ApiResponse(responseCode = "200", description = "A page of meetings")
    @GetMapping
    PageResponse<MeetingSummary> meetings(@Parameter(description = "Only meetings with this organisation")
                                          @RequestParam(required = false) String organization,
                                          @Parameter(description = "Only meetings in this customer segment")
                                          @RequestParam(required = false) String segment,
                                          @Parameter(description = "Only meetings with this tag")
                                          @RequestParam(required = false) String tag,
                                          @Valid @ParameterObject Period period,
                                          @Valid @ParameterObject PageRequest page) {
        projections.requireReady(MeetingProjection.NAME);
        String where = """
                (CAST(? AS VARCHAR) IS NULL OR organization = ?) AND (CAST(? AS VARCHAR) IS NULL OR segment = ?)
                AND (CAST(? AS VARCHAR) IS NULL OR ? = ANY(tags)) AND occurred_at >= ? AND occurred_at < ?""";
        Object[] params = {organization, organization, segment, segment, tag, tag, period.fromOrEarliest(),
                period.toOrLatest()};
        List<MeetingSummary> items = jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM meeting m WHERE " + where
                        + " ORDER BY occurred_at DESC, meeting_id LIMIT " + page.size() + " OFFSET " + page.offset())
                .params(params)
                .query((rs, row) -> new MeetingSummary(rs.getString("meeting_id"), rs.getString("title"),
                        SqlValues.instant(rs.getTimestamp("occurred_at")), rs.getString("organization"),
                        rs.getString("segment"), rs.getString("channel"), SqlValues.strings(rs.getArray("tags")),
                        rs.getInt("observation_count"), rs.getInt("evidence_count"), rs.getBoolean("retracted")))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM meeting WHERE " + where).params(params)
                .query(Long.class).single();
        return PageResponse.of(items, page, total);
    }

    @Operation(summary = "A meeting, with its observations and the evidence it gave", description = """
            One meeting: who attended, its notes, its observations (each with who captured it and when it was last \
            revised), the hypotheses it served as evidence for (withdrawn evidence included, with when), whether \
            it was retracted and why, and its version.""")
    @ApiResponse(responseCode = "200", description = "The meeting")
    @ApiResponse(responseCode = "404", description = "No meeting under this id (yet: the projection may be catching "
            + "up; ask with minVersion after recording it)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @GetMapping("/{id}")
    MeetingView meeting(@PathVariable String id, @Parameter(description = ReadYourWrites.MIN_VERSION)
                        @RequestParam(required = false) Long minVersion) {
        projections.requireReady(MeetingProjection.NAME);
        readYourWrites.awaitVersion(minVersion, () -> jdbc.sql("SELECT version FROM meeting WHERE meeting_id = ?")
                .param(id).query(Long.class).optional().orElse(-1L));
        List<MeetingView.Observation> observations = jdbc.sql("""
                        SELECT * FROM meeting_observation WHERE meeting_id = ? ORDER BY captured_at, observation_id""")
                .param(id)
                .query((rs, row) -> new MeetingView.Observation(rs.getString("observation_id"), rs.getString("text"),
                        rs.getString("kind"), rs.getString("speaker_role"), rs.getString("speaker_name"),
                        SqlValues.strings(rs.getArray("tags")), SqlValues.instant(rs.getTimestamp("captured_at")),
                        rs.getString("captured_by"), SqlValues.instant(rs.getTimestamp("revised_at"))))
                .list();
        List<ServedAsEvidence> evidence = jdbc.sql("""
                        SELECT e.*, b.title AS hypothesis_title FROM meeting_evidence e
                        LEFT JOIN hypothesis_board b ON b.hypothesis_id = e.hypothesis_id
                        WHERE e.meeting_id = ? ORDER BY e.linked_at, e.evidence_id""")
                .param(id)
                .query((rs, row) -> new ServedAsEvidence(rs.getString("hypothesis_id"), rs.getString("hypothesis_title"),
                        rs.getString("evidence_id"), rs.getString("observation_id"), rs.getString("direction"),
                        rs.getString("strength"), SqlValues.instant(rs.getTimestamp("linked_at")),
                        SqlValues.instant(rs.getTimestamp("withdrawn_at"))))
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
                        evidence,
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
