package io.insightledger.command.hypothesis;

/** Where a hypothesis stands; every status but OPEN is a decision that must be reopened before another. */
public enum HypothesisStatus {
    OPEN, VALIDATED, INVALIDATED, PARKED, PIVOTED
}
