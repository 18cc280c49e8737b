package io.insightledger.query.dashboard;

import io.insightledger.query.hypothesis.StoredStates;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ProjectionDatabase;
import io.insightledger.query.system.TwoWorkspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

import static io.insightledger.query.system.ProjectionDatabase.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's figures come from the workspaces read only; a shared meeting counts for its own workspace. */
class DashboardFiguresTest {

    @RegisterExtension
    static final ProjectionDatabase database = new ProjectionDatabase();
    private static DashboardFigures figures;

    @BeforeAll
    static void project() {
        TwoWorkspaces.project(database.owner());
        figures = new DashboardFigures(JdbcClient.create(database.reads()), Mockito.mock(StoredStates.class),
                Duration.ofDays(30));
    }

    @Test
    void meetingsAndCoverageCountTheWorkspacesReadOnly() {
        signIn("a", "b");

        assertThat(meetings(figures.compute(new Period(null, null), new String[]{"a"}))).isEqualTo(1);
        assertThat(meetings(figures.compute(new Period(null, null), new String[]{"a", "b"}))).isEqualTo(3);
        DashboardFigures.SegmentCoverage coverage = figures.compute(new Period(null, null), new String[]{"a"})
                .coverageBySegment().get(0);
        assertThat(coverage.evidence()).isZero();
    }

    /** Asked for b by mistake, a member of a is shown a's meeting and b's shared one, never b's other one. */
    @Test
    void theWallHoldsEvenWhereTheQueryAsksForMore() {
        signIn("a");

        assertThat(meetings(figures.compute(new Period(null, null), new String[]{"a", "b"}))).isEqualTo(2);
    }

    private static int meetings(DashboardFigures.Dashboard dashboard) {
        return dashboard.meetingsPerWeek().stream().mapToInt(DashboardFigures.WeekOfMeetings::meetings).sum();
    }
}
