package io.insightledger.query.organization;

import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.SqlValues;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The organisations' queries, on the reads pool. Counted from the meetings of the workspaces read, and from the
 * evidence hypotheses of those workspaces took from them: a meeting counts for its own workspace only, so a meeting
 * shared with one of yours from a workspace you are no member of does not count here (its organisation's figures
 * belong to its own team).
 */
@Component
class Organizations {

    /**
     * Retracted meetings and withdrawn evidence are not counted.
     *
     * @param workspaces the workspaces read whose meetings met it
     */
    record Organization(String name, List<String> workspaces, List<String> segments, int meetings,
                        Instant firstContact, Instant lastContact, int evidenceGiven, int hypothesesInfluenced) {
    }

    record MeetingRef(String id, String workspace, String title, Instant occurredAt, String segment,
                      boolean retracted) {
    }

    record HypothesisRef(String id, String workspace, String title, String status, int supporting,
                         int contradicting) {
    }

    record OrganizationDetail(Organization organization, List<MeetingRef> meetings, List<HypothesisRef> hypotheses) {
    }

    private static final String SUMMARY = """
            SELECT m.organization AS name, array_agg(DISTINCT m.workspace_id) AS workspaces,
                   array_agg(DISTINCT m.segment) AS segments, count(DISTINCT m.meeting_id) AS meetings,
                   min(m.occurred_at) AS first_contact, max(m.occurred_at) AS last_contact,
                   count(DISTINCT e.evidence_id) FILTER (WHERE e.withdrawn_at IS NULL) AS evidence_given,
                   count(DISTINCT e.hypothesis_id) FILTER (WHERE e.withdrawn_at IS NULL) AS hypotheses_influenced
            FROM meeting m LEFT JOIN meeting_evidence e ON e.meeting_id = m.meeting_id AND e.workspace_id = ANY(?)
            WHERE m.workspace_id = ANY(?) AND NOT m.retracted AND (CAST(? AS VARCHAR) IS NULL OR m.organization = ?)
                  AND (CAST(? AS VARCHAR) IS NULL OR m.segment = ?)
            GROUP BY m.organization""";

    private final JdbcClient jdbc;

    Organizations(@Qualifier("reads") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResponse<Organization> page(ReadScope scope, String segment, PageRequest page) {
        Object[] params = {scope.array(), scope.array(), null, null, segment, segment};
        List<Organization> items = jdbc.sql(SUMMARY + " ORDER BY last_contact DESC, name LIMIT ? OFFSET ?")
                .params(params).params(page.size(), page.offset())
                .query((rs, row) -> organization(rs))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM (" + SUMMARY + ") o").params(params)
                .query(Long.class).single();
        return PageResponse.of(items, page, total);
    }

    /** Empty when no meeting that counts was held with it in these workspaces. */
    Optional<OrganizationDetail> detail(String name, String[] workspaces) {
        Optional<Organization> organization = jdbc.sql(SUMMARY)
                .params(workspaces, workspaces, name, name, null, null)
                .query((rs, row) -> organization(rs)).optional();
        if (organization.isEmpty()) {
            return Optional.empty();
        }
        List<MeetingRef> meetings = jdbc.sql("""
                        SELECT meeting_id, workspace_id, title, occurred_at, segment, retracted FROM meeting
                        WHERE organization = ? AND workspace_id = ANY(?) ORDER BY occurred_at DESC""")
                .params(name, workspaces)
                .query((rs, row) -> new MeetingRef(rs.getString(1), rs.getString(2), rs.getString(3),
                        SqlValues.instant(rs.getTimestamp(4)), rs.getString(5), rs.getBoolean(6)))
                .list();
        List<HypothesisRef> hypotheses = jdbc.sql("""
                        SELECT b.hypothesis_id, b.workspace_id, b.title, b.status,
                               count(*) FILTER (WHERE e.direction = 'SUPPORTS') AS supporting,
                               count(*) FILTER (WHERE e.direction = 'CONTRADICTS') AS contradicting
                        FROM meeting_evidence e JOIN meeting m ON m.meeting_id = e.meeting_id
                        JOIN hypothesis_board b ON b.hypothesis_id = e.hypothesis_id
                        WHERE m.organization = ? AND m.workspace_id = ANY(?) AND e.workspace_id = ANY(?)
                              AND e.withdrawn_at IS NULL AND NOT m.retracted
                        GROUP BY b.hypothesis_id, b.workspace_id, b.title, b.status ORDER BY b.title""")
                .params(name, workspaces, workspaces)
                .query((rs, row) -> new HypothesisRef(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getInt(6)))
                .list();
        return Optional.of(new OrganizationDetail(organization.get(), meetings, hypotheses));
    }

    private static Organization organization(ResultSet rs) throws SQLException {
        return new Organization(rs.getString("name"), SqlValues.strings(rs.getArray("workspaces")),
                SqlValues.strings(rs.getArray("segments")),
                rs.getInt("meetings"), SqlValues.instant(rs.getTimestamp("first_contact")),
                SqlValues.instant(rs.getTimestamp("last_contact")), rs.getInt("evidence_given"),
                rs.getInt("hypotheses_influenced"));
    }
}
