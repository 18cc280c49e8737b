package io.insightledger.query.hypothesis;

/** Where a hypothesis stands on the board. */
public enum HypothesisStatus {
    OPEN, VALIDATED, INVALIDATED, PARKED, PIVOTED
}
