package io.insightledger.query.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.SqlValues;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The meetings views' queries, on the reads pool. A meeting is read in its own workspace and in those it is shared with
 * (until the share ends); of the evidence it gave, only citations from the caller's workspaces are shown; of its
 * shares, all to members of its own workspace, the caller's own to the others.
 */
@Component
class MeetingReads {

    /** A meeting in scope: its own workspace's, or shared with one of them. Parameters: the workspaces, twice. */
    private static final String IN_SCOPE = """
            (m.workspace_id = ANY(?) OR EXISTS (SELECT 1 FROM meeting_share s WHERE s.meeting_id = m.meeting_id
                                                AND s.workspace_id = ANY(?) AND s.unshared_at IS NULL))""";
    /** Parameters: the caller's workspaces, twice. */
    private static final String SHARED_WITH = """
            ARRAY(SELECT s.workspace_id FROM meeting_share s WHERE s.meeting_id = m.meeting_id AND s.unshared_at IS NULL
                  AND (m.workspace_id = ANY(?) OR s.workspace_id = ANY(?)) ORDER BY 1) AS shared_with""";
    /** Parameters: the caller's workspaces three times. */
    private static final String SUMMARY_COLUMNS = "m.*, " + SHARED_WITH + """
            , (SELECT count(*) FROM meeting_observation o WHERE o.meeting_id = m.meeting_id) AS observation_count,
              (SELECT count(*) FROM meeting_evidence e WHERE e.meeting_id = m.meeting_id AND e.withdrawn_at IS NULL
                                                       AND e.workspace_id = ANY(?)) AS evidence_count""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final CollectionType attendeeList;

    MeetingReads(@Qualifier("reads") JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.attendeeList = json.getTypeFactory().constructCollectionType(List.class, MeetingView.Attendee.class);
    }

    PageResponse<MeetingQueryController.MeetingSummary> page(ReadScope scope, String organization, String segment,
                                                             String tag, Period period, PageRequest page) {
        String where = IN_SCOPE + """
                 AND (CAST(? AS VARCHAR) IS NULL OR m.organization = ?)
                AND (CAST(? AS VARCHAR) IS NULL OR m.segment = ?) AND (CAST(? AS VARCHAR) IS NULL OR ? = ANY(m.tags))
                AND m.occurred_at >= ? AND m.occurred_at < ?""";
        Object[] params = {scope.array(), scope.array(), organization, organization, segment, segment, tag, tag,
                period.fromOrEarliest(), period.toOrLatest()};
        String[] readable = scope.readableArray();
        List<MeetingQueryController.MeetingSummary> items = jdbc.sql("SELECT " + SUMMARY_COLUMNS
                        + " FROM meeting m WHERE " + where + " ORDER BY m.occurred_at DESC, m.meeting_id LIMIT "
                        + page.size() + " OFFSET " + page.offset())
                .params(readable, readable, readable)
                .params(params)
                .query((rs, row) -> new MeetingQueryController.MeetingSummary(rs.getString("meeting_id"),
                        rs.getString("workspace_id"), SqlValues.strings(rs.getArray("shared_with")),
                        rs.getString("title"), SqlValues.instant(rs.getTimestamp("occurred_at")),
                        rs.getString("organization"), rs.getString("segment"), rs.getString("channel"),
                        SqlValues.strings(rs.getArray("tags")), rs.getInt("observation_count"),
                        rs.getInt("evidence_count"), rs.getBoolean("retracted")))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM meeting m WHERE " + where).params(params)
                .query(Long.class).single();
        return PageResponse.of(items, page, total);
    }

    /** The meeting's version, or -1 while it is unknown here. */
    long version(String id, ReadScope scope) {
        return jdbc.sql("SELECT m.version FROM meeting m WHERE m.meeting_id = ? AND " + IN_SCOPE)
                .params(id, scope.array(), scope.array()).query(Long.class).optional().orElse(-1L);
    }

    Optional<MeetingView> meeting(String id, ReadScope scope) {
        String[] readable = scope.readableArray();
        List<MeetingView.Observation> observations = jdbc.sql("""
                        SELECT * FROM meeting_observation WHERE meeting_id = ? ORDER BY captured_at, observation_id""")
                .param(id)
                .query((rs, row) -> new MeetingView.Observation(rs.getString("observation_id"), rs.getString("text"),
                        rs.getString("kind"), rs.getString("speaker_role"), rs.getString("speaker_id"),
                        rs.getString("speaker_name"),
                        SqlValues.strings(rs.getArray("tags")), SqlValues.instant(rs.getTimestamp("captured_at")),
                        rs.getString("captured_by"), SqlValues.instant(rs.getTimestamp("revised_at"))))
                .list();
        List<MeetingQueryController.ServedAsEvidence> evidence = jdbc.sql("""
                        SELECT e.*, b.title AS hypothesis_title FROM meeting_evidence e
                        LEFT JOIN hypothesis_board b ON b.hypothesis_id = e.hypothesis_id
                        WHERE e.meeting_id = ? AND e.workspace_id = ANY(?) ORDER BY e.linked_at, e.evidence_id""")
                .params(id, readable)
                .query((rs, row) -> new MeetingQueryController.ServedAsEvidence(rs.getString("hypothesis_id"),
                        rs.getString("workspace_id"), rs.getString("hypothesis_title"), rs.getString("evidence_id"),
                        rs.getString("observation_id"), rs.getString("direction"), rs.getString("strength"),
                        SqlValues.instant(rs.getTimestamp("linked_at")),
                        SqlValues.instant(rs.getTimestamp("withdrawn_at"))))
                .list();
        return jdbc.sql("SELECT m.*, " + SHARED_WITH + " FROM meeting m WHERE m.meeting_id = ? AND " + IN_SCOPE)
                .params(readable, readable, id, scope.array(), scope.array())
                .query((rs, row) -> new MeetingView(
                        rs.getString("meeting_id"),
                        rs.getString("workspace_id"),
                        SqlValues.strings(rs.getArray("shared_with")),
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
                        rs.getBoolean("redacted"),
                        observations,
                        evidence,
                        rs.getLong("version")))
                .optional();
    }

    private List<MeetingView.Attendee> attendees(String value) {
        try {
            return json.readValue(value, attendeeList);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
