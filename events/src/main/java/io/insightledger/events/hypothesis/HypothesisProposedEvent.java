package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The team put forward an idea it believes and wants to test.
 * <p>
 * Revision 2 added {@code workspaceId}. Every hypothesis of revision 1 was proposed before workspaces existed, so an
 * upcaster reads those events as belonging to the {@code default} workspace.
 *
 * @param owner    who answers for the hypothesis; the proposer unless named
 * @param parentId    the hypothesis this one grew out of, or {@code null}; a successor stays in its parent's workspace
 * @param workspaceId the workspace the hypothesis belongs to, for ever (its evidence and decisions belong there too)
 */
@Revision("2")
public record HypothesisProposedEvent(
        String hypothesisId,
        String title,
        String statement,
        HypothesisCategory category,
        String successCriteria,
        String owner,
        List<String> tags,
        List<String> segments,
        String parentId,
        String workspaceId) {
}
