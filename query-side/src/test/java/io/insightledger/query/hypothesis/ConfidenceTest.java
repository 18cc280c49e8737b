package io.insightledger.query.hypothesis;

import static io.insightledger.events.hypothesis.EvidenceDirection.CONTRADICTS;
import static io.insightledger.events.hypothesis.EvidenceDirection.SUPPORTS;
import static io.insightledger.events.hypothesis.EvidenceStrength.MODERATE;
import static io.insightledger.events.hypothesis.EvidenceStrength.STRONG;
import static io.insightledger.events.hypothesis.EvidenceStrength.WEAK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceStrength;
import io.insightledger.query.hypothesis.Confidence.Contribution;
import io.insightledger.query.hypothesis.Confidence.Evidence;
import io.insightledger.query.hypothesis.Confidence.Explanation;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Every expected value is worked out by hand in the comment above its assertion. Confidence = 1 / (1 + e^-L). */
class ConfidenceTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final Offset<Double> FOUR_DECIMALS = within(1e-4);

    private static Evidence counting(String id, String org, EvidenceDirection direction, EvidenceStrength strength) {
        return new Evidence(id, org, direction, strength, null);
    }

    private static Evidence voided(String id, String org, EvidenceDirection direction, EvidenceStrength strength,
                                   Confidence.Void why) {
        return new Evidence(id, org, direction, strength, why);
    }

    @Test
    void strengthsWeighHalfOneAndTwo() {
        assertThat(Confidence.weight(WEAK)).isEqualTo(0.5);
        assertThat(Confidence.weight(MODERATE)).isEqualTo(1.0);
        assertThat(Confidence.weight(STRONG)).isEqualTo(2.0);
    }

    @Test
    void noEvidenceMeansEvenOdds() {
        // L = 0; 1 / (1 + e^0) = 1 / 2 = 0.5
        for (List<Evidence> none : java.util.Arrays.asList(List.<Evidence>of(), null)) {
            Explanation x = Confidence.explain(none);
            assertThat(x.logOdds()).isEqualTo(Confidence.PRIOR_LOG_ODDS).isEqualTo(0.0);
            assertThat(x.confidence()).isEqualTo(0.5);
            assertThat(x.contributions()).isEmpty();
        }
    }

    @Test
    void oneStrongSupportingPieceAddsTwoToTheLogOdds() {
        // L = 0 + 2 / 1 = 2; e^-2 = 0.135335; 1 / 1.135335 = 0.880797
        Explanation x = Confidence.explain(List.of(counting("e1", "acme", SUPPORTS, STRONG)));
        assertThat(x.logOdds()).isCloseTo(2.0, EXACT);
        assertThat(x.confidence()).isCloseTo(0.8808, FOUR_DECIMALS);
    }

    @Test
    void oneWeakContradictingPieceSubtractsAHalf() {
        // L = 0 - 0.5 / 1 = -0.5; e^0.5 = 1.648721; 1 / 2.648721 = 0.377541
        Explanation x = Confidence.explain(List.of(counting("e1", "acme", CONTRADICTS, WEAK)));
        assertThat(x.logOdds()).isCloseTo(-0.5, EXACT);
        assertThat(x.confidence()).isCloseTo(0.3775, FOUR_DECIMALS);
    }

    @Test
    void theKthPieceFromOneOrganisationCountsOneKth() {
        // acme strong k=1: +2/1 = +2; acme strong k=2: +2/2 = +1; L = 3
        // e^-3 = 0.049787; 1 / 1.049787 = 0.952574
        Explanation x = Confidence.explain(List.of(
                counting("e1", "acme", SUPPORTS, STRONG),
                counting("e2", "acme", SUPPORTS, STRONG)));
        assertThat(x.logOdds()).isCloseTo(3.0, EXACT);
        assertThat(x.confidence()).isCloseTo(0.9526, FOUR_DECIMALS);
    }

    @Test
    void eachOrganisationHasItsOwnK() {
        // acme moderate k=1: +1; acme moderate k=2: +1/2; globex moderate k=1: +1; acme moderate k=3: +1/3
        // L = 1 + 0.5 + 1 + 0.333333 = 2.833333; e^-2.833333 = 0.058816; 1 / 1.058816 = 0.944451 -> 0.9445
        Explanation x = Confidence.explain(List.of(
                counting("e1", "acme", SUPPORTS, MODERATE),
                counting("e2", "acme", SUPPORTS, MODERATE),
                counting("e3", "globex", SUPPORTS, MODERATE),
                counting("e4", "acme", SUPPORTS, MODERATE)));
        assertThat(x.logOdds()).isCloseTo(1 + 1.0 / 2 + 1 + 1.0 / 3, EXACT);
        assertThat(x.confidence()).isCloseTo(0.9445, FOUR_DECIMALS);
        assertThat(x.contributions()).extracting(Contribution::k).containsExactly(1, 2, 1, 3);
    }

    @Test
    void aContradictingPieceRaisesKForItsOrganisationToo() {
        // acme strong contradicts k=1: -2/1 = -2; acme strong supports k=2: +2/2 = +1; L = -1
        // e^1 = 2.718282; 1 / 3.718282 = 0.268941
        Explanation x = Confidence.explain(List.of(
                counting("e1", "acme", CONTRADICTS, STRONG),
                counting("e2", "acme", SUPPORTS, STRONG)));
        assertThat(x.logOdds()).isCloseTo(-1.0, EXACT);
        assertThat(x.confidence()).isCloseTo(0.2689, FOUR_DECIMALS);
        assertThat(x.contributions()).extracting(Contribution::k).containsExactly(1, 2);
    }

    @Test
    void withdrawnEvidenceCountsZeroAndDoesNotRaiseK() {
        // acme strong withdrawn: 0, k=0; acme strong k=1 (not 2): +2/1 = +2; L = 2
        // e^-2 = 0.135335; 1 / 1.135335 = 0.880797
        Explanation x = Confidence.explain(List.of(
                voided("e1", "acme", SUPPORTS, STRONG, Confidence.Void.WITHDRAWN),
                counting("e2", "acme", SUPPORTS, STRONG)));
        assertThat(x.logOdds()).isCloseTo(2.0, EXACT);
        assertThat(x.confidence()).isCloseTo(0.8808, FOUR_DECIMALS);
        assertThat(x.contributions()).extracting(Contribution::k).containsExactly(0, 1);
        assertThat(x.contributions().get(0).change()).isEqualTo(0.0);
    }

    @Test
    void evidenceFromARetractedMeetingCountsZeroAndDoesNotRaiseK() {
        // acme moderate k=1: +1; acme strong retracted: 0, k=0; acme strong k=2 (not 3): +2/2 = +1; L = 2
        // e^-2 = 0.135335; 1 / 1.135335 = 0.880797
        Explanation x = Confidence.explain(List.of(
                counting("e1", "acme", SUPPORTS, MODERATE),
                voided("e2", "acme", SUPPORTS, STRONG, Confidence.Void.MEETING_RETRACTED),
                counting("e3", "acme", SUPPORTS, STRONG)));
        assertThat(x.logOdds()).isCloseTo(2.0, EXACT);
        assertThat(x.confidence()).isCloseTo(0.8808, FOUR_DECIMALS);
        assertThat(x.contributions()).extracting(Contribution::k).containsExactly(1, 0, 2);
        assertThat(x.contributions().get(1).change()).isEqualTo(0.0);
    }

    @Test
    void contributionsExplainEveryPieceInLinkingOrder() {
        // e1 acme    strong   supports     k=1 w=2   change +2/1   = +2
        // e2 acme    weak     contradicts  k=2 w=0.5 change -0.5/2 = -0.25
        // e3 globex  moderate supports     withdrawn k=0 w=1 change 0
        // e4 globex  moderate supports     k=1 w=1   change +1/1   = +1
        // e5 acme    moderate supports     k=3 w=1   change +1/3   = +0.333333
        // L = 2 - 0.25 + 0 + 1 + 0.333333 = 3.083333; e^-3.083333 = 0.045806; 1 / 1.045806 = 0.956200 -> 0.9562
        Explanation x = Confidence.explain(List.of(
                counting("e1", "acme", SUPPORTS, STRONG),
                counting("e2", "acme", CONTRADICTS, WEAK),
                voided("e3", "globex", SUPPORTS, MODERATE, Confidence.Void.WITHDRAWN),
                counting("e4", "globex", SUPPORTS, MODERATE),
                counting("e5", "acme", SUPPORTS, MODERATE)));
        assertThat(x.contributions()).containsExactly(
                new Contribution("e1", "acme", SUPPORTS, STRONG, null, 1, 2.0, 2.0),
                new Contribution("e2", "acme", CONTRADICTS, WEAK, null, 2, 0.5, -0.25),
                new Contribution("e3", "globex", SUPPORTS, MODERATE, Confidence.Void.WITHDRAWN, 0, 1.0, 0.0),
                new Contribution("e4", "globex", SUPPORTS, MODERATE, null, 1, 1.0, 1.0),
                new Contribution("e5", "acme", SUPPORTS, MODERATE, null, 3, 1.0, 1.0 / 3));
        assertThat(x.logOdds()).isCloseTo(3.083333, within(1e-6));
        assertThat(x.confidence()).isCloseTo(0.9562, FOUR_DECIMALS);
    }

    @Test
    void supportAndContradictionOfEqualWeightCancelToEvenOdds() {
        // acme strong supports k=1: +2; globex strong contradicts k=1: -2; L = 0 -> 0.5
        Explanation acrossOrgs = Confidence.explain(List.of(
                counting("e1", "acme", SUPPORTS, STRONG),
                counting("e2", "globex", CONTRADICTS, STRONG)));
        assertThat(acrossOrgs.logOdds()).isCloseTo(0.0, EXACT);
        assertThat(acrossOrgs.confidence()).isCloseTo(0.5, EXACT);

        // mirror images: L and -L give c and 1 - c. weak supports: 1 / (1 + 0.606531) = 0.622459; weak contradicts 0.377541
        double up = Confidence.explain(List.of(counting("e1", "acme", SUPPORTS, WEAK))).confidence();
        double down = Confidence.explain(List.of(counting("e1", "acme", CONTRADICTS, WEAK))).confidence();
        assertThat(up).isCloseTo(0.6225, FOUR_DECIMALS);
        assertThat(up + down).isCloseTo(1.0, EXACT);
    }

    @Test
    void theWorkedExampleInTheDocsGivesItsPublishedNumbers() {
        // docs/confidence.md: +2 +1/2 -1 +0 +0 -0.5/3 +2 = 10/3 = 3.333333
        // e^-3.333333 = 0.035674; 1 / 1.035674 = 0.965555 -> 0.966
        Explanation x = Confidence.explain(List.of(
                counting("e-1", "Acme", SUPPORTS, STRONG),
                counting("e-2", "Acme", SUPPORTS, MODERATE),
                counting("e-3", "Globex", CONTRADICTS, MODERATE),
                voided("e-4", "Acme", SUPPORTS, STRONG, Confidence.Void.MEETING_RETRACTED),
                voided("e-5", "Initech", SUPPORTS, WEAK, Confidence.Void.WITHDRAWN),
                counting("e-6", "Acme", CONTRADICTS, WEAK),
                counting("e-7", "Initech", SUPPORTS, STRONG)));
        assertThat(x.contributions()).extracting(Contribution::k).containsExactly(1, 2, 1, 0, 0, 3, 1);
        assertThat(x.logOdds()).isCloseTo(10.0 / 3, EXACT);
        assertThat(x.confidence()).isCloseTo(0.9656, FOUR_DECIMALS);
    }
}
