package io.insightledger.query.person;

import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * The people queries, for an installation's ADMIN: on the projections' own pool, across every workspace (an access
 * request concerns the person wherever they were named), not on the reads pool that sees the caller's workspaces.
 */
@Component
class PersonReads {

    /** The latest meeting naming the person, as written there. Parameter: none; joins {@code p}. */
    private static final String LATEST_MENTION = """
            LEFT JOIN LATERAL (
                SELECT a->>'name' AS name, a->>'role' AS role, m.organization, m.occurred_at
                FROM meeting m, jsonb_array_elements(m.attendees) a
                WHERE m.attendees @> jsonb_build_array(jsonb_build_object('person', p.person_id))
                  AND a->>'person' = p.person_id
                ORDER BY m.occurred_at DESC LIMIT 1) l ON TRUE""";

    public record PersonSummary(String id, String workspace, String name, String role, String organization,
                                Instant lastNamedAt, boolean erased) {
    }

    private final JdbcClient jdbc;

    PersonReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResponse<PersonSummary> page(String workspace, String name, PageRequest page) {
        String where = """
                WHERE (CAST(? AS VARCHAR) IS NULL OR p.workspace_id = ?)
                  AND (CAST(? AS VARCHAR) IS NULL OR l.name ILIKE '%' || ? || '%')""";
        Object[] params = {workspace, workspace, name, name};
        var items = jdbc.sql("SELECT p.*, l.* FROM person p " + LATEST_MENTION + " " + where
                        + " ORDER BY l.occurred_at DESC NULLS LAST, p.person_id LIMIT " + page.size()
                        + " OFFSET " + page.offset())
                .params(params)
                .query((rs, row) -> new PersonSummary(rs.getString("person_id"), rs.getString("workspace_id"),
                        rs.getString("name"), rs.getString("role"), rs.getString("organization"),
                        SqlValues.instant(rs.getTimestamp("occurred_at")), rs.getTimestamp("erased_at") != null))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM person p " + LATEST_MENTION + " " + where).params(params)
                .query(Long.class).single();
        return PageResponse.of(items, page, total);
    }

    Optional<PersonRecord> person(String id) {
        return jdbc.sql("SELECT workspace_id, erased_at FROM person WHERE person_id = ?").param(id)
                .query((rs, row) -> new PersonRecord(id, rs.getString(1), rs.getTimestamp(2) != null,
                        SqlValues.instant(rs.getTimestamp(2)),
                        jdbc.sql("""
                                        SELECT m.meeting_id, m.title, m.organization, m.occurred_at, a->>'name',
                                               a->>'role', a->>'side'
                                        FROM meeting m, jsonb_array_elements(m.attendees) a
                                        WHERE m.attendees @> jsonb_build_array(jsonb_build_object('person', ?))
                                          AND a->>'person' = ?
                                        ORDER BY m.occurred_at, m.meeting_id""")
                                .params(id, id)
                                .query((m, n) -> new PersonRecord.Mention(m.getString(1), m.getString(2),
                                        m.getString(3), SqlValues.instant(m.getTimestamp(4)), m.getString(5),
                                        m.getString(6), m.getString(7)))
                                .list(),
                        jdbc.sql("""
                                        SELECT meeting_id, observation_id, text, kind, speaker_name, speaker_role,
                                               captured_at
                                        FROM meeting_observation WHERE speaker_id = ?
                                        ORDER BY captured_at, observation_id""")
                                .param(id)
                                .query((o, n) -> new PersonRecord.Spoken(o.getString(1), o.getString(2),
                                        o.getString(3), o.getString(4), o.getString(5), o.getString(6),
                                        SqlValues.instant(o.getTimestamp(7))))
                                .list()))
                .optional();
    }
}
