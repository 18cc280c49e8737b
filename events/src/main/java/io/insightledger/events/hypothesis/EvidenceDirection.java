package io.insightledger.events.hypothesis;

/** Whether a piece of evidence speaks for or against a hypothesis. */
public enum EvidenceDirection {
    SUPPORTS, CONTRADICTS
}
