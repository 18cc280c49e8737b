package io.insightledger.events.hypothesis;

/** How a decision closes a hypothesis. */
public enum DecisionOutcome {
    VALIDATED, INVALIDATED, PARKED
}
