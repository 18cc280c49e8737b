package io.insightledger.query.dashboard;

import io.insightledger.query.hypothesis.BoardRow;
import io.insightledger.query.hypothesis.StoredStates;
import io.insightledger.query.system.Period;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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

/**
 * The dashboard's figures, read from the views of some workspaces: their hypotheses and decisions, their own meetings
 * (a meeting counts for its own workspace, not for those it is shared with) and the evidence their hypotheses took.
 */
@Component
class DashboardFigures {

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
    private final Duration staleAfter;

    DashboardFigures(@Qualifier("reads") JdbcClient jdbc, StoredStates states,
                     @Value("${insight.projections.stale-after}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.states = states;
        this.staleAfter = staleAfter;
    }

    Dashboard compute(Period requested, String[] workspaces) {
        Instant now = Instant.now();
        Instant to = requested.to() != null ? requested.to() : now;
        Instant from = requested.from() != null ? requested.from() : to.minus(DEFAULT_PERIOD);
        Period period = new Period(from, to);

        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (String status : List.of("OPEN", "VALIDATED", "INVALIDATED", "PARKED", "PIVOTED")) {
            byStatus.put(status, 0);
        }
        jdbc.sql("SELECT status, count(*) FROM hypothesis_board WHERE workspace_id = ANY(?) GROUP BY status")
                .param(workspaces)
                .query(rs -> {
                    byStatus.put(rs.getString(1), rs.getInt(2));
                });

        Map<LocalDate, int[]> decisions = emptyWeeks(from, to, 3);
        jdbc.sql("""
                        SELECT date_trunc('week', decided_at AT TIME ZONE 'UTC')::date, outcome, count(*)
                        FROM decision_log WHERE workspace_id = ANY(?) AND decided_at >= ? AND decided_at < ?
                        GROUP BY 1, 2""")
                .params(workspaces, period.fromOrEarliest(), period.toOrLatest())
                .query(rs -> {
                    int[] counts = decisions.computeIfAbsent(rs.getDate(1).toLocalDate(), week -> new int[3]);
                    counts[List.of("VALIDATED", "INVALIDATED", "PARKED").indexOf(rs.getString(2))] = rs.getInt(3);
                });

        Double median = jdbc.sql("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (
                                   ORDER BY extract(epoch FROM decided_at - proposed_at) / 86400)
                        FROM decision_log WHERE workspace_id = ANY(?) AND decided_at >= ? AND decided_at < ?""")
                .params(workspaces, period.fromOrEarliest(), period.toOrLatest())
                .query(Double.class).optional().orElse(null);

        List<TimeToDecision> timeToDecision = timeToDecision(period, workspaces);

        Map<LocalDate, int[]> meetings = emptyWeeks(from, to, 1);
        jdbc.sql("""
                        SELECT date_trunc('week', occurred_at AT TIME ZONE 'UTC')::date, count(*) FROM meeting
                        WHERE workspace_id = ANY(?) AND NOT retracted AND occurred_at >= ? AND occurred_at < ?
                        GROUP BY 1""")
                .params(workspaces, period.fromOrEarliest(), period.toOrLatest())
                .query(rs -> {
                    meetings.computeIfAbsent(rs.getDate(1).toLocalDate(), week -> new int[1])[0] = rs.getInt(2);
                });

        List<SegmentCoverage> coverage = jdbc.sql("""
                        SELECT m.segment, count(DISTINCT m.meeting_id), count(DISTINCT m.organization),
                               count(DISTINCT e.evidence_id) FILTER (WHERE e.withdrawn_at IS NULL)
                        FROM meeting m
                        LEFT JOIN meeting_evidence e ON e.meeting_id = m.meeting_id AND e.workspace_id = ANY(?)
                        WHERE m.workspace_id = ANY(?) AND NOT m.retracted AND m.occurred_at >= ? AND m.occurred_at < ?
                        GROUP BY m.segment ORDER BY 2 DESC, 1""")
                .params(workspaces, workspaces, period.fromOrEarliest(), period.toOrLatest())
                .query((rs, row) -> new SegmentCoverage(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list();

        return new Dashboard(from, to, byStatus,
                decisions.entrySet().stream().map(e -> new WeekOfDecisions(e.getKey(), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2])).toList(),
                median,
                timeToDecision,
                meetings.entrySet().stream().map(e -> new WeekOfMeetings(e.getKey(), e.getValue()[0])).toList(),
                coverage,
                board(workspaces, "at_risk", now),
                board(workspaces, "status = 'OPEN' AND last_evidence_at < ?", now,
                        Timestamp.from(now.minus(staleAfter))));
    }

    private static final int[] DECISION_SPANS_IN_DAYS = {7, 30, 90, 180, 365};

    /** The period's decisions by how long they took from proposal: a week, a month, a quarter, half a year, a year, more. */
    private List<TimeToDecision> timeToDecision(Period period, String[] workspaces) {
        int[] counts = new int[DECISION_SPANS_IN_DAYS.length + 1];
        jdbc.sql("""
                        SELECT extract(epoch FROM decided_at - proposed_at) / 86400 FROM decision_log
                        WHERE workspace_id = ANY(?) AND decided_at >= ? AND decided_at < ?""")
                .params(workspaces, period.fromOrEarliest(), period.toOrLatest())
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

    private List<BoardRow> board(String[] workspaces, String condition, Instant now, Object... params) {
        return jdbc.sql("SELECT state FROM hypothesis_board WHERE workspace_id = ANY(?) AND " + condition
                        + " ORDER BY last_activity_at DESC LIMIT 50")
                .param(workspaces)
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
