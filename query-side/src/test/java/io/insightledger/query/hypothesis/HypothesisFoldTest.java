package io.insightledger.query.hypothesis;

import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceStrength;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.hypothesis.HypothesisCategory;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisPivotedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.hypothesis.HypothesisReopenedEvent;
import io.insightledger.query.hypothesis.HypothesisState.Flag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one fold behind every view of a hypothesis: now, as of an instant, and step by step. */
class HypothesisFoldTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final Duration STALE_AFTER = Duration.ofDays(30);
    /** Acme's meeting counts; Beta's was retracted ten days in. */
    static final Map<String, MeetingFact> MEETINGS = Map.of(
            "m-acme", new MeetingFact("m-acme", "Review", "Acme", "bank", T0, null, Map.of("o1", "Keys by hand")),
            "m-beta", new MeetingFact("m-beta", "Call", "Beta", "retail", T0, T0.plus(Duration.ofDays(10)),
                    Map.of()));

    private final List<JournalEntry> journal = new ArrayList<>();

    private void at(int day, Object event) {
        journal.add(new JournalEntry(journal.size(), T0.plus(Duration.ofDays(day)), "pat", "c-" + day, event));
    }

    private static EvidenceLinkedEvent evidence(String id, String meeting, EvidenceDirection direction,
                                                Boolean afterDecision) {
        return new EvidenceLinkedEvent("h", id, meeting, null, direction, EvidenceStrength.STRONG, "", afterDecision);
    }

    private void proposedWithTwoPieces() {
        at(0, new HypothesisProposedEvent("h", "Idea", "We believe", HypothesisCategory.VIABILITY, "criteria", "pat",
                List.of(), List.of(), null, "default"));
        at(1, new EvidenceLinkedEvent("h", "e1", "m-acme", "o1", EvidenceDirection.SUPPORTS, EvidenceStrength.STRONG,
                "", false));
        at(2, evidence("e2", "m-beta", EvidenceDirection.SUPPORTS, false));
    }

    private HypothesisState now() {
        HypothesisFold fold = new HypothesisFold(MEETINGS, STALE_AFTER);
        journal.forEach(fold::apply);
        return fold.snapshot(null);
    }

    @Test
    void aMeetingRetractedLaterStillCountsBeforeItsRetraction() {
        proposedWithTwoPieces();
        HypothesisState before = HypothesisFold.asOf(journal.stream(), MEETINGS, STALE_AFTER,
                T0.plus(Duration.ofDays(5))).orElseThrow();
        assertThat(before.confidenceExplanation().logOdds()).isCloseTo(4.0, within(1e-9));
        assertThat(before.supportingCount()).isEqualTo(2);
        HypothesisState after = now();
        assertThat(after.confidenceExplanation().logOdds()).isCloseTo(2.0, within(1e-9));
        assertThat(after.supportingCount()).isEqualTo(1);
        assertThat(after.evidence().get(1).meetingRetracted()).isTrue();
        assertThat(after.flags()).containsExactly(Flag.SINGLE_SOURCE);
        assertThat(after.evidence().get(0).observationText()).isEqualTo("Keys by hand");
    }

    @Test
    void nothingBeforeTheProposal() {
        proposedWithTwoPieces();
        assertThat(HypothesisFold.asOf(journal.stream(), MEETINGS, STALE_AFTER, T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void contradictingEvidenceAfterValidationPutsItAtRisk() {
        proposedWithTwoPieces();
        at(3, new HypothesisDecidedEvent("h", "d1", DecisionOutcome.VALIDATED, "yes", List.of("e1")));
        assertThat(now().flags()).doesNotContain(Flag.AT_RISK);
        at(4, evidence("e3", "m-acme", EvidenceDirection.CONTRADICTS, true));
        HypothesisState state = now();
        assertThat(state.flags()).contains(Flag.AT_RISK);
        assertThat(state.decisions().get(0).confidenceThen()).isCloseTo(1 / (1 + Math.exp(-4.0)), within(1e-9));
    }

    @Test
    void reopeningMarksTheDecisionAndOpensTheHypothesis() {
        proposedWithTwoPieces();
        at(3, new HypothesisDecidedEvent("h", "d1", DecisionOutcome.VALIDATED, "yes", List.of("e1")));
        at(4, new HypothesisReopenedEvent("h", "doubts"));
        HypothesisState state = now();
        assertThat(state.status()).isEqualTo(HypothesisStatus.OPEN);
        assertThat(state.decisions().get(0).reopenedAt()).isEqualTo(T0.plus(Duration.ofDays(4)));
        assertThat(state.decisions().get(0).reopenReason()).isEqualTo("doubts");
    }

    @Test
    void withdrawnEvidenceStaysVisibleButWeighsNothing() {
        proposedWithTwoPieces();
        at(3, new EvidenceWithdrawnEvent("h", "e1", "misheard"));
        HypothesisState state = HypothesisFold.asOf(journal.stream(), MEETINGS, STALE_AFTER,
                T0.plus(Duration.ofDays(3))).orElseThrow();
        assertThat(state.evidence()).hasSize(2);
        assertThat(state.evidence().get(0).counts()).isFalse();
        assertThat(state.evidence().get(0).withdrawalReason()).isEqualTo("misheard");
        assertThat(state.confidenceExplanation().logOdds()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void anOpenHypothesisWithoutNewEvidenceGoesStale() {
        proposedWithTwoPieces();
        Instant later = T0.plus(Duration.ofDays(2)).plus(STALE_AFTER).plusSeconds(1);
        assertThat(HypothesisFold.asOf(journal.stream(), MEETINGS, STALE_AFTER, later).orElseThrow().flags())
                .contains(Flag.STALE);
        assertThat(now().flags()).doesNotContain(Flag.STALE);
        assertThat(now().seenAt(later, STALE_AFTER).flags()).contains(Flag.STALE);
    }

    @Test
    void eachStepOfTheEvolutionIsTheStateAsOfThatEvent() {
        proposedWithTwoPieces();
        at(3, new HypothesisPivotedEvent("h", "h2", "elsewhere"));
        List<HypothesisState> steps = History.page(journal.stream(), MEETINGS, STALE_AFTER, 0, journal.size(),
                History.Step::state);
        assertThat(steps).hasSize(4);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i)).isEqualTo(HypothesisFold.asOf(journal.stream(), MEETINGS, STALE_AFTER,
                    journal.get(i).occurredAt()).orElseThrow());
        }
        assertThat(steps.get(3).status()).isEqualTo(HypothesisStatus.PIVOTED);
        assertThat(steps.get(3).successorId()).isEqualTo("h2");
    }
}
