package io.insightledger.demo;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPlanTest {

    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theSameSeedGivesTheSameHistory() {
        assertThat(DemoPlan.of(7, 1, END).allPhases()).isEqualTo(DemoPlan.of(7, 1, END).allPhases());
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
    void theHistorySpansThreeWorkspacesCreatedFirstWithTheRunnerAsAdmin() {
        DemoPlan plan = DemoPlan.of(42, 1, END);
        assertThat(plan.allPhases().get(0)).isEqualTo(plan.workspaces());
        List<DemoPlan.Request> setup = plan.workspaces().chains().stream().flatMap(List::stream).toList();
        assertThat(setup).filteredOn(r -> r.path().equals("/api/admin/workspaces"))
                .extracting(r -> r.body().get("id")).containsExactly("payments", "identity", "platform");
        assertThat(setup).filteredOn(r -> r.method().equals("PUT"))
                .extracting(DemoPlan.Request::path, r -> r.body().get("role")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/api/admin/workspaces/payments/members/" + DemoPlan.ME, "ADMIN"),
                        org.assertj.core.groups.Tuple.tuple("/api/admin/workspaces/identity/members/" + DemoPlan.ME, "ADMIN"),
                        org.assertj.core.groups.Tuple.tuple("/api/admin/workspaces/platform/members/" + DemoPlan.ME, "ADMIN"));
        Instant firstMeeting = plan.phases().get(0).chains().stream().map(chain -> chain.get(0).happenedAt())
                .min(Instant::compareTo).orElseThrow();
        assertThat(setup).allSatisfy(r -> assertThat(r.happenedAt()).isBefore(firstMeeting));

        Map<Object, Long> meetingsPerWorkspace = plan.phases().get(0).chains().stream()
                .collect(Collectors.groupingBy(chain -> chain.get(0).body().get("workspace"), Collectors.counting()));
        assertThat(meetingsPerWorkspace).containsOnlyKeys("payments", "identity", "platform")
                .allSatisfy((workspace, count) -> assertThat(count).isGreaterThan(90));
        Map<Object, Long> hypothesesPerWorkspace = plan.phases().get(1).chains().stream()
                .collect(Collectors.groupingBy(chain -> chain.get(0).body().get("workspace"), Collectors.counting()));
        assertThat(hypothesesPerWorkspace).containsOnlyKeys("payments", "identity", "platform")
                .allSatisfy((workspace, count) -> assertThat(count).isEqualTo(20));
    }

    @Test
    void aHypothesisCitesOnlyItsOwnWorkspacesMeetingsAndTheOneSharedWithIt() {
        DemoPlan plan = DemoPlan.of(42, 1, END);
        Map<String, Object> meetingWorkspace = plan.phases().get(0).chains().stream().map(chain -> chain.get(0))
                .collect(Collectors.toMap(r -> (String) r.body().get("id"), r -> r.body().get("workspace")));
        Map<String, Object> hypothesisWorkspace = plan.phases().get(1).chains().stream().map(chain -> chain.get(0))
                .collect(Collectors.toMap(r -> (String) r.body().get("id"), r -> r.body().get("workspace")));

        List<DemoPlan.Request> shares = plan.phases().get(0).chains().stream().flatMap(List::stream)
                .filter(r -> r.path().endsWith("/shares")).toList();
        assertThat(shares).hasSize(1);
        DemoPlan.Request share = shares.get(0);
        String sharedMeeting = share.path().replaceAll("^/api/meetings/(.+)/shares$", "$1");
        assertThat(meetingWorkspace.get(sharedMeeting)).isEqualTo("identity");
        assertThat(share.body()).isEqualTo(Map.of("workspace", "payments"));

        List<DemoPlan.Request> evidence = plan.phases().get(2).chains().stream().flatMap(List::stream)
                .filter(r -> r.path().endsWith("/evidence")).toList();
        assertThat(evidence).isNotEmpty().allSatisfy(r -> {
            String hypothesis = r.path().replaceAll("^/api/hypotheses/(.+)/evidence$", "$1");
            Object meeting = r.body().get("meetingId");
            if (!meeting.equals(sharedMeeting)) {
                assertThat(meetingWorkspace.get(meeting)).as(r.toString()).isEqualTo(hypothesisWorkspace.get(hypothesis));
            }
        });
        // cited by its own team, perhaps, and by exactly one hypothesis of the team it is shared with
        List<DemoPlan.Request> citations = evidence.stream().filter(r -> r.body().get("meetingId").equals(sharedMeeting))
                .filter(r -> !hypothesisWorkspace.get(r.path().replaceAll("^/api/hypotheses/(.+)/evidence$", "$1"))
                        .equals("identity"))
                .toList();
        assertThat(citations).hasSize(1);
        String citer = citations.get(0).path().replaceAll("^/api/hypotheses/(.+)/evidence$", "$1");
        assertThat(hypothesisWorkspace.get(citer)).isEqualTo("payments");
        assertThat(citations.get(0).happenedAt()).isAfter(share.happenedAt()).isBefore(END);
    }

    @Test
    void scaleGrowsTheHistory() {
        assertThat(DemoPlan.of(42, 10, END).size()).isGreaterThan(9 * DemoPlan.of(42, 1, END).size());
    }

    @Test
    void theSmallestPlanStillHasItsSharedCitedMeeting() {
        DemoPlan plan = DemoPlan.of(3, 0.001, END);
        assertThat(plan.phases().get(0).chains().stream().flatMap(List::stream))
                .anyMatch(r -> r.path().endsWith("/shares"));
        assertThat(plan.phases().get(2).chains().stream().flatMap(List::stream)).anyMatch(r ->
                r.path().endsWith("/evidence") && r.body().get("meetingId").equals("demo3-m1"));
    }
}
