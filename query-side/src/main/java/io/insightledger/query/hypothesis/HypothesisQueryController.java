package io.insightledger.query.hypothesis;

import io.insightledger.query.hypothesis.HypothesisViews.Decision;
import io.insightledger.query.hypothesis.HypothesisViews.Detail;
import io.insightledger.query.hypothesis.HypothesisViews.Evidence;
import io.insightledger.query.hypothesis.HypothesisViews.Summary;
import io.insightledger.query.hypothesis.HypothesisViews.TimelineItem;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import jakarta.validation.Valid;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static io.insightledger.query.system.SqlValues.instant;
import static io.insightledger.query.system.SqlValues.strings;

@RestController
@RequestMapping("/api/hypotheses")
class HypothesisQueryController {

    private final JdbcClient jdbc;

    HypothesisQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The board, most recently active first. */
    @GetMapping
    PageResponse<Summary> board(@RequestParam(required = false) HypothesisStatus status, @Valid PageRequest page) {
        String statusFilter = status == null ? null : status.name();
        List<Summary> items = jdbc.sql("""
                        SELECT * FROM hypothesis WHERE (CAST(? AS VARCHAR) IS NULL OR status = ?)
                        ORDER BY last_activity_at DESC, hypothesis_id LIMIT ? OFFSET ?""")
                .params(statusFilter, statusFilter, page.size(), page.offset())
                .query((rs, row) -> new Summary(rs.getString("hypothesis_id"), rs.getString("title"),
                        HypothesisStatus.valueOf(rs.getString("status")), rs.getString("category"),
                        rs.getString("owner"), strings(rs.getArray("tags")), rs.getInt("supporting_count"),
                        rs.getInt("contradicting_count"), instant(rs.getTimestamp("last_activity_at")),
                        rs.getLong("version")))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM hypothesis WHERE (CAST(? AS VARCHAR) IS NULL OR status = ?)")
                .params(statusFilter, statusFilter)
                .query(Long.class).single();
        return PageResponse.of(items, page, total);
    }

    @GetMapping("/{id}")
    Detail hypothesis(@PathVariable String id) {
        List<Evidence> evidence = jdbc.sql("""
                        SELECT e.*, m.title AS meeting_title, m.organization FROM hypothesis_evidence e
                        LEFT JOIN meeting m ON m.meeting_id = e.meeting_id
                        WHERE e.hypothesis_id = ? ORDER BY e.linked_at, e.evidence_id""")
                .param(id)
                .query((rs, row) -> new Evidence(rs.getString("evidence_id"), rs.getString("meeting_id"),
                        rs.getString("meeting_title"), rs.getString("organization"), rs.getString("observation_id"),
                        rs.getString("direction"), rs.getString("strength"), rs.getString("note"),
                        instant(rs.getTimestamp("linked_at")), rs.getString("linked_by"),
                        (Boolean) rs.getObject("linked_after_decision"), instant(rs.getTimestamp("withdrawn_at")),
                        rs.getString("withdrawal_reason")))
                .list();
        List<Decision> decisions = jdbc.sql("""
                        SELECT * FROM hypothesis_decision WHERE hypothesis_id = ? ORDER BY decided_at, decision_id""")
                .param(id)
                .query((rs, row) -> new Decision(rs.getString("decision_id"), rs.getString("outcome"),
                        rs.getString("rationale"), strings(rs.getArray("evidence_ids")),
                        instant(rs.getTimestamp("decided_at")), rs.getString("decided_by")))
                .list();
        return jdbc.sql("SELECT * FROM hypothesis WHERE hypothesis_id = ?")
                .param(id)
                .query((rs, row) -> new Detail(rs.getString("hypothesis_id"), rs.getString("title"),
                        rs.getString("statement"), rs.getString("category"), rs.getString("success_criteria"),
                        rs.getString("owner"), strings(rs.getArray("tags")), strings(rs.getArray("segments")),
                        rs.getString("parent_id"), HypothesisStatus.valueOf(rs.getString("status")),
                        rs.getInt("supporting_count"), rs.getInt("contradicting_count"),
                        instant(rs.getTimestamp("proposed_at")), rs.getString("proposed_by"),
                        instant(rs.getTimestamp("last_activity_at")), rs.getString("successor_id"),
                        rs.getLong("version"), evidence, decisions))
                .optional()
                .orElseThrow(() -> new NotFoundException("hypothesis", id));
    }

    /** Every event of the hypothesis, oldest first. */
    @GetMapping("/{id}/timeline")
    PageResponse<TimelineItem> timeline(@PathVariable String id, @Valid PageRequest page) {
        long total = jdbc.sql("SELECT count(*) FROM hypothesis_timeline WHERE hypothesis_id = ?")
                .param(id).query(Long.class).single();
        if (total == 0) {
            throw new NotFoundException("hypothesis", id);
        }
        List<TimelineItem> items = jdbc.sql("""
                        SELECT * FROM hypothesis_timeline WHERE hypothesis_id = ?
                        ORDER BY sequence_number LIMIT ? OFFSET ?""")
                .params(id, page.size(), page.offset())
                .query((rs, row) -> new TimelineItem(rs.getLong("sequence_number"), rs.getString("event_type"),
                        instant(rs.getTimestamp("occurred_at")), rs.getString("actor"), rs.getString("summary"),
                        rs.getString("correlation_id")))
                .list();
        return PageResponse.of(items, page, total);
    }
}
