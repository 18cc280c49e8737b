package io.insightledger.events.meeting;

/** Someone who took part in a meeting, and in what role. */
public record Attendee(String name, String role, AttendeeSide side) {
}
