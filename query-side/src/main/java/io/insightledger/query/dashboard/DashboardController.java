package io.insightledger.query.dashboard;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.insightledger.query.hypothesis.BoardRow;
import io.insightledger.query.hypothesis.StoredStates;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadsProjections;
import io.insightledger.query.system.RecentAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/dashboard?from=&to=}: how the team is learning, over a period (the last 12 weeks by default). */
@RestController
@RequestMapping("/api/dashboard")
@RoleRequired(Role.VIEWER)
@Tag(name = "Dashboard", description = "How the team is learning, over a period")
@ReadsProjections
class DashboardController {

    record WeekOfDecisions(LocalDate weekStart, int validated, int invalidated, int parked) {
    }

    record WeekOfMeetings(LocalDate weekStart, int meetings) {
    }

    /** How many decisions of the period took up to {@code upToDays} since their proposal ({@code null}: longer). */
    record TimeToDecision(String span, Integer upToDays, int decisions) {
    }

    record SegmentCoverage(String segment, int meetings, int organizations, int evidence) {
    }

    /**
     * @param medianDaysToDecision from proposal to each decision taken in the period; null without decisions
     */
    record Dashboard(Instant from, Instant to, Map<String, Integer> hypothesesByStatus,
                     List<WeekOfDecisions> decisionsPerWeek, Double medianDaysToDecision,
                     List<TimeToDecision> timeToDecision,
                     List<WeekOfMeetings> meetingsPerWeek, List<SegmentCoverage> coverageBySegment,
                     List<BoardRow> atRisk, List<BoardRow> stale) {
    }

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(7 * 12);

    private final JdbcClient jdbc;
    private final StoredStates states;
    private final ProjectionAdmin projections;
    private final Duration staleAfter;
    private final RecentAnswers<Period, Dashboard> recent;

    DashboardController(JdbcClient jdbc, StoredStates states, ProjectionAdmin projections,
                        @Value("${insight.projections.stale-after}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.states = states;
        this.projections = projections;
        this.recent = new RecentAnswers<>(Duration.ofSeconds(1), projections::rebuildsEnded);
        this.staleAfter = staleAfter;
    }

    /**
     * Read at 100 requests a second it would cost a second of PostgreSQL per second on a million events; an answer is
     * at most two seconds old instead (the web app waits longer than that after a change before it asks again).
     */
    @Operation(summary = "The learning dashboard", description = """
            Over a period (the last 12 weeks unless from and to are given): hypotheses by status, decisions and \
            meetings per week (weeks start on Monday, UTC), the median and the spread of days from proposal to \
            decision, which segments the meetings covered, and the hypotheses at risk or stale. An answer may be \
            up to two seconds old.""")
    @ApiResponse(responseCode = "200", description = "The dashboard")
    @GetMapping
    Dashboard dashboard(@Valid @ParameterObject Period requested) {
        projections.names().forEach(projections::requireReady);
        return recent.get(requested, () -> compute(requested));
    }

    private Dashboard compute(Period requested) {
        Instant now = Instant.now();
        Instant to = requested.to() != null ? requested.to() : now;
        Instant from = requested.from() != null ? requested.from() : to.minus(DEFAULT_PERIOD);
        Period period = new Period(from, to);

        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (String status : List.of("OPEN", "VALIDATED", "INVALIDATED", "PARKED", "PIVOTED")) {
            byStatus.put(status, 0);
        }
        jdbc.sql("SELECT status, count(*) FROM hypothesis_board GROUP BY status")
                .query(rs -> {
                    byStatus.put(rs.getString(1), rs.getInt(2));
                });

        Map<LocalDate, int[]> decisions = emptyWeeks(from, to, 3);
        jdbc.sql("""
                        SELECT date_trunc('week', decided_at AT TIME ZONE 'UTC')::date, outcome, count(*)
                        FROM decision_log WHERE decided_at >= ? AND decided_at < ? GROUP BY 1, 2""")
                .params(period.fromOrEarliest(), period.toOrLatest())
                .query(rs -> {
                    int[] counts = decisions.computeIfAbsent(rs.getDate(1).toLocalDate(), week -> new int[3]);
                    counts[List.of("VALIDATED", "INVALIDATED", "PARKED").indexOf(rs.getString(2))] = rs.getInt(3);
                });

        Double median = jdbc.sql("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (
                                   ORDER BY extract(epoch FROM decided_at - proposed_at) / 86400)
                        FROM decision_log WHERE decided_at >= ? AND decided_at < ?""")
                .params(period.fromOrEarliest(), period.toOrLatest())
                .query(Double.class).optional().orElse(null);

        List<TimeToDecision> timeToDecision = timeToDecision(period);

        Map<LocalDate, int[]> meetings = emptyWeeks(from, to, 1);
        jdbc.sql("""
                        SELECT date_trunc('week', occurred_at AT TIME ZONE 'UTC')::date, count(*) FROM meeting
                        WHERE NOT retracted AND occurred_at >= ? AND occurred_at < ? GROUP BY 1""")
                .params(period.fromOrEarliest(), period.toOrLatest())
                .query(rs -> {
                    meetings.computeIfAbsent(rs.getDate(1).toLocalDate(), week -> new int[1])[0] = rs.getInt(2);
                });

        List<SegmentCoverage> coverage = jdbc.sql("""
                        SELECT m.segment, count(DISTINCT m.meeting_id), count(DISTINCT m.organization),
                               count(DISTINCT e.evidence_id) FILTER (WHERE e.withdrawn_at IS NULL)
                        FROM meeting m LEFT JOIN meeting_evidence e ON e.meeting_id = m.meeting_id
                        WHERE NOT m.retracted AND m.occurred_at >= ? AND m.occurred_at < ?
                        GROUP BY m.segment ORDER BY 2 DESC, 1""")
                .params(period.fromOrEarliest(), period.toOrLatest())
                .query((rs, row) -> new SegmentCoverage(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list();

        return new Dashboard(from, to, byStatus,
                decisions.entrySet().stream().map(e -> new WeekOfDecisions(e.getKey(), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2])).toList(),
                median,
                timeToDecision,
                meetings.entrySet().stream().map(e -> new WeekOfMeetings(e.getKey(), e.getValue()[0])).toList(),
                coverage,
                board("at_risk", now),
                board("status = 'OPEN' AND last_evidence_at < ?", now, Timestamp.from(now.minus(staleAfter))));
    }

    private static final int[] DECISION_SPANS_IN_DAYS = {7, 30, 90, 180, 365};

    /** The period's decisions by how long they took from proposal: a week, a month, a quarter, half a year, a year, more. */
    private List<TimeToDecision> timeToDecision(Period period) {
        int[] counts = new int[DECISION_SPANS_IN_DAYS.length + 1];
        jdbc.sql("""
                        SELECT extract(epoch FROM decided_at - proposed_at) / 86400 FROM decision_log
                        WHERE decided_at >= ? AND decided_at < ?""")
                .params(period.fromOrEarliest(), period.toOrLatest())
                .query(rs -> {
                    double days = rs.getDouble(1);
                    int span = 0;
                    while (span < DECISION_SPANS_IN_DAYS.length && days > DECISION_SPANS_IN_DAYS[span]) {
                        span++;
                    }
                    counts[span]++;
                });
        List<TimeToDecision> spans = new ArrayList<>();
        for (int span = 0; span < counts.length; span++) {
            boolean last = span == DECISION_SPANS_IN_DAYS.length;
            spans.add(new TimeToDecision(last ? "over " + DECISION_SPANS_IN_DAYS[span - 1] + " days"
                    : "up to " + DECISION_SPANS_IN_DAYS[span] + " days",
                    last ? null : DECISION_SPANS_IN_DAYS[span], counts[span]));
        }
        return spans;
    }

    private List<BoardRow> board(String condition, Instant now, Object... params) {
        return jdbc.sql("SELECT state FROM hypothesis_board WHERE " + condition
                        + " ORDER BY last_activity_at DESC LIMIT 50")
                .params(params)
                .query((rs, row) -> BoardRow.of(states.read(rs.getString(1)).seenAt(now, staleAfter)))
                .list();
    }

    /** Every week (starting Monday, UTC) from the one holding {@code from} to the one holding {@code to}. */
    private static Map<LocalDate, int[]> emptyWeeks(Instant from, Instant to, int counters) {
        Map<LocalDate, int[]> weeks = new TreeMap<>();
        LocalDate week = monday(from);
        LocalDate last = monday(to);
        while (!week.isAfter(last) && weeks.size() < 520) {
            weeks.put(week, new int[counters]);
            week = week.plus(1, ChronoUnit.WEEKS);
        }
        return weeks;
    }

    private static LocalDate monday(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
