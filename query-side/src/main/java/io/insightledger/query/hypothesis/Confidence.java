package io.insightledger.query.hypothesis;

import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceStrength;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hypothesis's confidence, computed from its evidence only. Pure: same input, same output; no state, no framework.
 * The rule is written down for product people and auditors in {@code docs/confidence.md}; keep the two in step.
 */
public final class Confidence {

    /** Why a piece of evidence counts zero. */
    public enum Void { WITHDRAWN, MEETING_RETRACTED }

    /** One piece of evidence, in the order it was linked; voided == null when it counts. */
    public record Evidence(String evidenceId, String organization, EvidenceDirection direction,
                           EvidenceStrength strength, Void voided) {}

    /**
     * What one piece of evidence did: k is its rank among its organisation's counting pieces (0 if voided), weight the
     * strength's weight, change the signed change in log-odds (weight / k, negative for CONTRADICTS; 0 if voided).
     */
    public record Contribution(String evidenceId, String organization, EvidenceDirection direction,
                               EvidenceStrength strength, Void voided, int k, double weight, double change) {}

    /** confidence in [0, 1], the log-odds it comes from, and every piece's contribution in linking order. */
    public record Explanation(double confidence, double logOdds, List<Contribution> contributions) {}

    /** Even odds: with no evidence we know nothing either way. */
    public static final double PRIOR_LOG_ODDS = 0.0;

    private Confidence() {}

    /** WEAK 0.5, MODERATE 1, STRONG 2: each step up doubles the weight. */
    public static double weight(EvidenceStrength strength) {
        return switch (strength) {
            case WEAK -> 0.5;
            case MODERATE -> 1.0;
            case STRONG -> 2.0;
        };
    }

    /** Applies the rule to the evidence in the order it was linked. Nothing is rounded: callers round for display. */
    public static Explanation explain(List<Evidence> evidenceInLinkingOrder) {
        List<Evidence> evidence = evidenceInLinkingOrder == null ? List.of() : evidenceInLinkingOrder;
        // Counting pieces seen so far per organisation. Exact string match: callers normalise names.
        Map<String, Integer> counted = new HashMap<>();
        List<Contribution> contributions = new ArrayList<>(evidence.size());
        double logOdds = PRIOR_LOG_ODDS;
        for (Evidence e : evidence) {
            double weight = weight(e.strength());
            if (e.voided() != null) {
                // Withdrawn or retracted evidence counts zero and must not push later pieces of its organisation
                // to a higher k, otherwise retracting one meeting would weaken the others.
                contributions.add(new Contribution(e.evidenceId(), e.organization(), e.direction(), e.strength(),
                        e.voided(), 0, weight, 0.0));
                continue;
            }
            // k counts every counting piece of the organisation, whatever its direction: the 1/k damping is about how
            // much one organisation may say, not about which way it speaks. So one loud customer cannot validate an
            // idea alone.
            int k = counted.merge(e.organization(), 1, Integer::sum);
            double sign = e.direction() == EvidenceDirection.CONTRADICTS ? -1.0 : 1.0;
            double change = sign * weight / k;
            logOdds += change;
            contributions.add(new Contribution(e.evidenceId(), e.organization(), e.direction(), e.strength(),
                    null, k, weight, change));
        }
        // Logistic function turns natural log-odds into a probability-like number in [0, 1].
        double confidence = 1.0 / (1.0 + Math.exp(-logOdds));
        return new Explanation(confidence, logOdds, List.copyOf(contributions));
    }
}
