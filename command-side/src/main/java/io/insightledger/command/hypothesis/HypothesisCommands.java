package io.insightledger.command.hypothesis;

import io.insightledger.events.hypothesis.HypothesisCategory;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/**
 * The commands that change a proposed hypothesis, other than evidence and decisions. Each carries the version the
 * client saw ({@code If-Match}), or {@code null} to apply to whatever is current.
 */
public final class HypothesisCommands {

    private HypothesisCommands() {
    }

    /** A {@code null} field stays as it is. */
    public record ReviseHypothesisCommand(@TargetAggregateIdentifier String hypothesisId,
                                          @TargetAggregateVersion Long expectedVersion,
                                          String title, String statement, String successCriteria, String reason) {
    }

    public record ReopenHypothesisCommand(@TargetAggregateIdentifier String hypothesisId,
                                          @TargetAggregateVersion Long expectedVersion,
                                          String reason) {
    }

    /** @param successor proposed in the same transaction, with the pivoted hypothesis as its parent */
    public record PivotHypothesisCommand(@TargetAggregateIdentifier String hypothesisId,
                                         @TargetAggregateVersion Long expectedVersion,
                                         String rationale, Successor successor) {
    }

    /**
     * @param owner    who pivoted, unless named
     * @param segments empty: the same as the pivoted hypothesis's
     */
    public record Successor(String hypothesisId, String title, String statement, HypothesisCategory category,
                            String successCriteria, String owner, List<String> tags, List<String> segments) {
    }
}
