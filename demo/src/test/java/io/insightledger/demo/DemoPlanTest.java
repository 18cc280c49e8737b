package io.insightledger.demo;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPlanTest {

    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theSameSeedGivesTheSameHistory() {
        assertThat(DemoPlan.of(7, 1, END).phases()).isEqualTo(DemoPlan.of(7, 1, END).phases());
        assertThat(DemoPlan.of(8, 1, END).phases()).isNotEqualTo(DemoPlan.of(7, 1, END).phases());
    }

    @Test
    void scaleOneIsAboutFortyOrganisationsThreeHundredMeetingsAndSixtyHypotheses() {
        DemoPlan plan = DemoPlan.of(42, 1, END);
        List<DemoPlan.Request> meetings = plan.phases().get(0).chains().stream().map(chain -> chain.get(0)).toList();
        assertThat(meetings).hasSize(300);
        Set<Object> organizations = new HashSet<>();
        meetings.forEach(m -> organizations.add(m.body().get("organization")));
        assertThat(organizations).hasSizeBetween(35, 40);
        assertThat(plan.phases().get(1).chains()).hasSize(60);
        assertThat(meetings).allSatisfy(m -> assertThat(Instant.parse((String) m.body().get("occurredAt")))
                .isBetween(END.minusSeconds(86_400L * 549), END.plusSeconds(86_400)));
        List<String> stories = plan.phases().get(2).chains().stream().flatMap(List::stream)
                .map(DemoPlan.Request::path).toList();
        assertThat(stories).anyMatch(path -> path.endsWith("/reopening"))
                .anyMatch(path -> path.endsWith("/pivot"))
                .anyMatch(path -> path.endsWith("/decisions"));
    }

    @Test
    void scaleGrowsTheHistory() {
        assertThat(DemoPlan.of(42, 10, END).size()).isGreaterThan(9 * DemoPlan.of(42, 1, END).size());
    }
}
