package io.insightledger.query.decision;

import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.query.hypothesis.HypothesisState;
import io.insightledger.query.hypothesis.StoredStates;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.SqlValues;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The decision log's query, on the reads pool: decisions of the workspaces asked for only. */
@Component
class DecisionLog {

    /**
     * @param confidenceThen the hypothesis's confidence when the decision was taken
     * @param atRisk         the decision stands, but evidence that came after it contradicts it
     */
    record LoggedDecision(String decisionId, String workspace, String hypothesisId, String hypothesisTitle,
                          String owner, String outcome, String rationale, Instant decidedAt, String decidedBy,
                          double confidenceThen, List<HypothesisState.Evidence> evidence, boolean reopened,
                          Instant reopenedAt, String reopenReason, boolean atRisk) {
    }

    private final JdbcClient jdbc;
    private final StoredStates states;

    DecisionLog(@Qualifier("reads") JdbcClient jdbc, StoredStates states) {
        this.jdbc = jdbc;
        this.states = states;
    }

    PageResponse<LoggedDecision> page(ReadScope scope, Period period, DecisionOutcome outcome, String owner,
                                      PageRequest page) {
        String outcomeName = outcome == null ? null : outcome.name();
        String where = """
                d.workspace_id = ANY(?) AND d.decided_at >= ? AND d.decided_at < ?
                AND (CAST(? AS VARCHAR) IS NULL OR d.outcome = ?)
                AND (CAST(? AS VARCHAR) IS NULL OR d.owner = ?)""";
        Object[] params = {scope.array(), period.fromOrEarliest(), period.toOrLatest(), outcomeName, outcomeName,
                owner, owner};
        List<LoggedDecision> items = jdbc.sql("""
                        SELECT d.*, b.state FROM decision_log d JOIN hypothesis_board b USING (hypothesis_id)
                        WHERE""" + " " + where + " ORDER BY d.decided_at DESC, d.decision_id LIMIT ? OFFSET ?")
                .params(concat(params, page.size(), page.offset()))
                .query((rs, row) -> {
                    HypothesisState state = states.read(rs.getString("state"));
                    Map<String, HypothesisState.Evidence> evidence = state.evidence().stream()
                            .collect(Collectors.toMap(HypothesisState.Evidence::id, Function.identity()));
                    String decisionId = rs.getString("decision_id");
                    boolean latest = !state.decisions().isEmpty()
                            && state.decisions().get(state.decisions().size() - 1).id().equals(decisionId);
                    Instant reopenedAt = SqlValues.instant(rs.getTimestamp("reopened_at"));
                    return new LoggedDecision(decisionId, rs.getString("workspace_id"),
                            rs.getString("hypothesis_id"), rs.getString("hypothesis_title"), rs.getString("owner"),
                            rs.getString("outcome"), rs.getString("rationale"),
                            SqlValues.instant(rs.getTimestamp("decided_at")),
                            rs.getString("decided_by"), rs.getDouble("confidence_then"),
                            SqlValues.strings(rs.getArray("evidence_ids")).stream().map(evidence::get).toList(),
                            reopenedAt != null, reopenedAt, rs.getString("reopen_reason"),
                            latest && state.flags().contains(HypothesisState.Flag.AT_RISK));
                })
                .list();
        long total = jdbc.sql("SELECT count(*) FROM decision_log d WHERE " + where).params(params)
                .query(Long.class).single();
        return PageResponse.of(items, page, total);
    }

    private static Object[] concat(Object[] params, Object... more) {
        Object[] all = Arrays.copyOf(params, params.length + more.length);
        System.arraycopy(more, 0, all, params.length, more.length);
        return all;
    }
}
