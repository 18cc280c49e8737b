package io.insightledger.command.evidence;

import io.insightledger.command.system.Ids;
import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceStrength;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record LinkEvidenceRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String id,
        @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String meetingId,
        @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String observationId,
        @NotNull EvidenceDirection direction,
        @NotNull EvidenceStrength strength,
        @Size(max = 5_000) String note) {

    LinkEvidenceCommand toCommand(String hypothesisId, Long expectedVersion, String evidenceId) {
        return new LinkEvidenceCommand(hypothesisId, expectedVersion, evidenceId, meetingId, observationId, direction,
                strength, note == null ? "" : note.strip());
    }
}
