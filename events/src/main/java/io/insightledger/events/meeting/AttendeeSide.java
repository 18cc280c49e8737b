package io.insightledger.events.meeting;

/** Whether an attendee spoke for the customer or for our team. */
public enum AttendeeSide {
    CUSTOMER, TEAM
}
