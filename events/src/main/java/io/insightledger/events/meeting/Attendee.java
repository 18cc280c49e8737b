package io.insightledger.events.meeting;

import io.insightledger.events.Sealed;

/**
 * Someone who took part in a meeting, and in what role: a person with an id of their own, who may appear in many
 * meetings. Their name and their role as written are personal data, sealed under their key.
 *
 * @param personId a UUID; {@code null} only for attendees recorded before people had ids
 */
public record Attendee(String personId, Sealed name, Sealed role, AttendeeSide side) {
}
