package io.insightledger.query.hypothesis;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A hypothesis as it stood at one instant: the one shape that "now", "as of" and every step of its evolution share.
 *
 * @param workspace where it belongs, with its evidence and decisions
 */
public record HypothesisState(
        String id,
        String workspace,
        String title,
        String statement,
        String category,
        String successCriteria,
        String owner,
        List<String> tags,
        List<String> segments,
        String parentId,
        String successorId,
        HypothesisStatus status,
        Instant proposedAt,
        String proposedBy,
        Instant lastActivityAt,
        Instant lastEvidenceAt,
        long version,
        int supportingCount,
        int contradictingCount,
        List<String> organizations,
        List<String> evidenceSegments,
        double confidence,
        Confidence.Explanation confidenceExplanation,
        Set<Flag> flags,
        List<Revision> revisions,
        List<Evidence> evidence,
        List<Decision> decisions) {

    /** This state as seen at {@code at}: an open hypothesis may have gone STALE since it was stored. */
    public HypothesisState seenAt(Instant at, Duration staleAfter) {
        if (flags.contains(Flag.STALE) || !Flag.stale(status, lastEvidenceAt, at, staleAfter)) {
            return this;
        }
        Set<Flag> withStale = EnumSet.of(Flag.STALE);
        withStale.addAll(flags);
        return new HypothesisState(id, workspace, title, statement, category, successCriteria, owner, tags, segments,
                parentId, successorId, status, proposedAt, proposedBy, lastActivityAt, lastEvidenceAt, version,
                supportingCount, contradictingCount, organizations, evidenceSegments, confidence, confidenceExplanation,
                withStale, revisions, evidence, decisions);
    }

    public enum Flag {
        /** Validated, then contradicted by evidence that came later and still counts. */
        AT_RISK,
        /** Open, with no new evidence for a while (30 days unless configured). */
        STALE,
        /** All of its supporting evidence comes from one organisation. */
        SINGLE_SOURCE;

        /** The one definition of STALE, for the board and for time travel alike. */
        static boolean stale(HypothesisStatus status, Instant lastEvidenceOrProposal, Instant at, Duration after) {
            return status == HypothesisStatus.OPEN && lastEvidenceOrProposal.plus(after).isBefore(at);
        }
    }

    /** A change of wording; a {@code null} field was left as it was. */
    public record Revision(Instant revisedAt, String revisedBy, String title, String statement,
                           String successCriteria, String reason) {
    }

    /**
     * @param organization        {@code null} while the meeting is not known to the query side yet
     * @param observationText     what the observation says now; {@code null} without one, or until it is known
     * @param counts              false when withdrawn or its meeting was retracted: it weighs nothing then
     * @param linkedAfterDecision {@code null} where the event did not record it (revision 1)
     */
    public record Evidence(String id, String meetingId, String meetingTitle, String organization, String segment,
                           String observationId, String observationText, String direction, String strength, String note, Instant linkedAt,
                           String linkedBy, Boolean linkedAfterDecision, Instant withdrawnAt, String withdrawalReason,
                           boolean meetingRetracted, boolean counts) {
    }

    /**
     * @param confidenceThen the confidence when the decision was taken
     * @param reopenedAt     when the hypothesis was reopened after this decision, if it was
     */
    public record Decision(String id, String outcome, String rationale, List<String> evidenceIds, Instant decidedAt,
                           String decidedBy, double confidenceThen, Instant reopenedAt, String reopenReason) {
    }
}
