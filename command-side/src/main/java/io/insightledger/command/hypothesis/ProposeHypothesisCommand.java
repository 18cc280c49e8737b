package io.insightledger.command.hypothesis;

import io.insightledger.events.hypothesis.HypothesisCategory;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record ProposeHypothesisCommand(
        @TargetAggregateIdentifier String hypothesisId,
        String title,
        String statement,
        HypothesisCategory category,
        String successCriteria,
        String owner,
        List<String> tags,
        List<String> segments,
        String parentId,
        String workspaceId) {

    HypothesisProposedEvent toEvent() {
        return new HypothesisProposedEvent(hypothesisId, title, statement, category, successCriteria, owner, tags,
                segments, parentId, workspaceId);
    }
}
