package io.insightledger.query.dashboard;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.ReadsProjections;
import io.insightledger.query.system.RecentAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * {@code GET /api/dashboard?from=&to=}: how the team is learning, over a period (the last 12 weeks by default), from
 * the records of the caller's workspaces only; a meeting shared with them counts for its own workspace.
 */
@RestController
@RequestMapping("/api/dashboard")
@WorkspaceRoleRequired(Role.VIEWER)
@Tag(name = "Dashboard", description = "How the team is learning, over a period")
@ReadsProjections
class DashboardController {

    /** What an answer is kept under: one workspace's dashboard is never another's. */
    private record Asked(Period period, ReadScope scope) {
    }

    private final DashboardFigures figures;
    private final ProjectionAdmin projections;
    private final RecentAnswers<Asked, DashboardFigures.Dashboard> recent;

    DashboardController(DashboardFigures figures, ProjectionAdmin projections) {
        this.figures = figures;
        this.projections = projections;
        this.recent = new RecentAnswers<>(Duration.ofSeconds(1), projections::rebuildsEnded);
    }

    /**
     * Read at 100 requests a second it would cost a second of PostgreSQL per second on a million events; an answer is
     * at most two seconds old instead (the web app waits longer than that after a change before it asks again).
     */
    @Operation(summary = "The learning dashboard", description = """
            Over a period (the last 12 weeks unless from and to are given): hypotheses by status, decisions and \
            meetings per week (weeks start on Monday, UTC), the median and the spread of days from proposal to \
            decision, which segments the meetings covered, and the hypotheses at risk or stale. An answer may be \
            up to two seconds old. Computed from your workspaces, or the one asked for: their hypotheses and \
            decisions, their own meetings (not those shared with them: a meeting counts for its own workspace) and \
            the evidence their hypotheses took.""")
    @ApiResponse(responseCode = "200", description = "The dashboard")
    @ApiResponse(responseCode = "404", description = "You are no member of the workspace asked for",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ReadScope.UNKNOWN_WORKSPACE)))
    @GetMapping
    DashboardFigures.Dashboard dashboard(@Valid @ParameterObject Period requested,
                                         @Parameter(description = ReadScope.WORKSPACE)
                                         @RequestParam(required = false) String workspace) {
        ReadScope scope = ReadScope.of(workspace);
        projections.names().forEach(projections::requireReady);
        return recent.get(new Asked(requested, scope), () -> figures.compute(requested, scope.array()));
    }
}
