package io.insightledger.query.decision;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.query.hypothesis.HypothesisState;
import io.insightledger.query.hypothesis.StoredStates;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadScope;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The auditor's view: who decided what, when, on which evidence, how confident we were then, and what came after. */
@RestController
@RequestMapping("/api/decisions")
@WorkspaceRoleRequired(Role.VIEWER)
@Tag(name = "Decisions", description = """
        The decision log, for auditors: who decided what, when, on which evidence, how confident we were then, and \
        what came after (reopened, or at risk from later evidence).""")
@ReadsProjections
class DecisionLogController {

    private static final String LOG = """
            {"items": [{"decisionId": "d-1", "workspace": "payments", "hypothesisId": "h-rotation",
                        "hypothesisTitle": "Keys rotate themselves",
                        "owner": "sam", "outcome": "VALIDATED",
                        "rationale": "Three of five banks asked for it unprompted",
                        "decidedAt": "2026-03-09T16:00:00Z", "decidedBy": "alex", "confidenceThen": 0.81,
                        "evidence": [], "reopened": false, "atRisk": false}],
             "page": 0, "size": 20, "totalItems": 1, "totalPages": 1}""";

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
    private final ProjectionAdmin projections;

    DecisionLogController(@Qualifier("reads") JdbcClient jdbc, StoredStates states, ProjectionAdmin projections) {
        this.jdbc = jdbc;
        this.states = states;
        this.projections = projections;
    }

    @Operation(summary = "The decision log", description = """
            Decisions, newest first, a page at a time: each with its hypothesis, outcome and rationale, who took \
            it and when, the evidence it rested on, the hypothesis's confidence then, whether it was reopened \
            (when, why) and whether later evidence puts it at risk. Decisions of your workspaces, or of the one \
            asked for, each naming its workspace; filtered by the period it was taken in, its outcome and the \
            hypothesis's owner.""")
    @ApiResponse(responseCode = "200", description = "A page of decisions",
            content = @Content(examples = @ExampleObject(LOG)))
    @ApiResponse(responseCode = "404", description = "You are no member of the workspace asked for",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ReadScope.UNKNOWN_WORKSPACE)))
    @GetMapping
    PageResponse<LoggedDecision> decisions(@Valid @ParameterObject Period period,
                                           @Parameter(description = "Only decisions with this outcome")
                                           @RequestParam(required = false) DecisionOutcome outcome,
                                           @Parameter(description = "Only decisions on hypotheses this person owns")
                                           @RequestParam(required = false) String owner,
                                           @Parameter(description = ReadScope.WORKSPACE)
                                           @RequestParam(required = false) String workspace,
                                           @Valid @ParameterObject PageRequest page) {
        ReadScope scope = ReadScope.of(workspace);
        projections.requireReady(StoredStates.PROJECTION);
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
                            rs.getString("outcome"), rs.getString("rationale"), SqlValues.instant(rs.getTimestamp("decided_at")),
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
