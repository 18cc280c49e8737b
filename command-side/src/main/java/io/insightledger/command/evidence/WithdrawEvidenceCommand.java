package io.insightledger.command.evidence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record WithdrawEvidenceCommand(@TargetAggregateIdentifier String hypothesisId,
                                      @TargetAggregateVersion Long expectedVersion,
                                      String evidenceId, String reason) {
}
