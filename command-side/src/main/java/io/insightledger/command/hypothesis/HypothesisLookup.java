package io.insightledger.command.hypothesis;

/** Whether a hypothesis exists, for a proposal that names the one it grew out of. */
@FunctionalInterface
public interface HypothesisLookup {

    boolean exists(String hypothesisId);
}
