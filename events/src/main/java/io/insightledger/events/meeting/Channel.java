package io.insightledger.events.meeting;

/** How a meeting took place. */
public enum Channel {
    IN_PERSON, VIDEO, PHONE, EVENT
}
