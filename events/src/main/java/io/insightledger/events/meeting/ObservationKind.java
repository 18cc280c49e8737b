package io.insightledger.events.meeting;

/** What sort of thing was learned. */
public enum ObservationKind {
    QUOTE, PAIN_POINT, REQUEST, OBSERVATION
}
