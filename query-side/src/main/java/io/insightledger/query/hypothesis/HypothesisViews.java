package io.insightledger.query.hypothesis;

import java.time.Instant;
import java.util.List;

/** The shapes the hypothesis endpoints answer with. */
final class HypothesisViews {

    private HypothesisViews() {
    }

    /** One row of the board. */
    record Summary(String id, String title, HypothesisStatus status, String category, String owner,
                   List<String> tags, int supportingCount, int contradictingCount, Instant lastActivityAt,
                   long version) {
    }

    record Detail(String id, String title, String statement, String category, String successCriteria,
                  String owner, List<String> tags, List<String> segments, String parentId, HypothesisStatus status,
                  int supportingCount, int contradictingCount, Instant proposedAt, String proposedBy,
                  Instant lastActivityAt, String successorId, long version, List<Evidence> evidence,
                  List<Decision> decisions) {
    }

    /**
     * @param meetingTitle        and {@code organization} are null while the meeting projection has not caught up
     * @param linkedAfterDecision null where the event did not record it (revision 1)
     * @param withdrawnAt         null while the evidence counts
     */
    record Evidence(String id, String meetingId, String meetingTitle, String organization, String observationId,
                    String direction, String strength, String note, Instant linkedAt, String linkedBy,
                    Boolean linkedAfterDecision, Instant withdrawnAt, String withdrawalReason) {
    }

    record Decision(String id, String outcome, String rationale, List<String> evidenceIds, Instant decidedAt,
                    String decidedBy) {
    }

    record TimelineItem(long sequenceNumber, String type, Instant occurredAt, String actor, String summary,
                        String correlationId) {
    }
}
