package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The team put forward an idea it believes and wants to test.
 *
 * @param owner    who answers for the hypothesis; the proposer unless named
 * @param parentId the hypothesis this one grew out of, or {@code null}
 */
@Revision("1")
public record HypothesisProposedEvent(
        String hypothesisId,
        String title,
        String statement,
        HypothesisCategory category,
        String successCriteria,
        String owner,
        List<String> tags,
        List<String> segments,
        String parentId) {
}
