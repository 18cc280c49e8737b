package io.insightledger.command.hypothesis;

import io.insightledger.command.hypothesis.HypothesisCommands.Successor;
import io.insightledger.command.system.Ids;
import io.insightledger.events.hypothesis.HypothesisCategory;
import io.insightledger.platform.identity.Workspaces;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A new hypothesis: proposed on its own, or as the successor of a pivot (then without {@code parentId}). */
record ProposeHypothesisRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String id,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 5_000) String statement,
        @NotNull HypothesisCategory category,
        @NotBlank @Size(max = 5_000) String successCriteria,
        @Pattern(regexp = HypothesisRequests.NOT_BLANK, message = "must not be blank") @Size(max = 200) String owner,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> segments,
        @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String parentId,
        @Pattern(regexp = Workspaces.ID_RULE, message = Workspaces.ID_RULE_MESSAGE) String workspace) {

    /** @param proposer owns the hypothesis unless the request names an owner */
    ProposeHypothesisCommand toCommand(String hypothesisId, String proposer) {
        return new ProposeHypothesisCommand(hypothesisId, title.strip(), statement.strip(), category,
                successCriteria.strip(), ownerOr(proposer), stripped(tags), stripped(segments), parentId,
                Workspaces.orDefault(workspace));
    }

    Successor toSuccessor(String hypothesisId, String proposer) {
        return new Successor(hypothesisId, title.strip(), statement.strip(), category, successCriteria.strip(),
                ownerOr(proposer), stripped(tags), stripped(segments));
    }

    private String ownerOr(String proposer) {
        return owner == null ? proposer : owner.strip();
    }

    private static List<String> stripped(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).toList();
    }
}
