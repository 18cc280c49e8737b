package io.insightledger.command.hypothesis;

import java.util.Optional;

/** Which workspace a hypothesis belongs to, if it exists: for a proposal that names the one it grew out of. */
@FunctionalInterface
public interface HypothesisLookup {

    Optional<String> workspaceOf(String hypothesisId);
}
