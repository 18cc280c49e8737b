package io.insightledger.query.hypothesis;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One row of the board: the same shape for today's board and the board as of any instant. */
public record BoardRow(String id, String workspace, String title, HypothesisStatus status, String category,
                       String owner, List<String> tags, List<String> segments, double confidence, int supportingCount,
                       int contradictingCount, int organizationCount, List<String> evidenceSegments,
                       Set<HypothesisState.Flag> flags, Instant proposedAt, Instant lastActivityAt, long version) {

    public static BoardRow of(HypothesisState state) {
        return new BoardRow(state.id(), state.workspace(), state.title(), state.status(), state.category(), state.owner(), state.tags(),
                state.segments(), state.confidence(), state.supportingCount(), state.contradictingCount(),
                state.organizations().size(), state.evidenceSegments(), state.flags(), state.proposedAt(),
                state.lastActivityAt(), state.version());
    }
}
