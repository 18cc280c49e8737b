package io.insightledger.command.decision;

import io.insightledger.command.system.Ids;
import io.insightledger.events.hypothesis.DecisionOutcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

record DecideHypothesisRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String id,
        @NotNull DecisionOutcome outcome,
        @NotBlank @Size(max = 5_000) String rationale,
        @Size(max = 200) List<@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String> evidenceIds) {

    DecideHypothesisCommand toCommand(String hypothesisId, Long expectedVersion, String decisionId) {
        return new DecideHypothesisCommand(hypothesisId, expectedVersion, decisionId, outcome, rationale.strip(),
                evidenceIds == null ? List.of() : evidenceIds.stream().distinct().toList());
    }
}
