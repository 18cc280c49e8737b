package io.insightledger.events.hypothesis;

/** How much a piece of evidence weighs. */
public enum EvidenceStrength {
    WEAK, MODERATE, STRONG
}
