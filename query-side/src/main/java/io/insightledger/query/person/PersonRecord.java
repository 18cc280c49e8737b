package io.insightledger.query.person;

import java.time.Instant;
import java.util.List;

/**
 * Everything the ledger holds about a person, opened, for an access request; after an erasure, nothing personal.
 *
 * @param erasedAt     when they were erased; {@code null} while they are not
 * @param meetings     every meeting that names them, with the name and role as written there
 * @param observations every observation they spoke, with its text as the meeting holds it
 */
public record PersonRecord(String id, String workspace, boolean erased, Instant erasedAt, List<Mention> meetings,
                           List<Spoken> observations) {

    public record Mention(String meetingId, String title, String organization, Instant occurredAt, String name,
                          String role, String side) {
    }

    public record Spoken(String meetingId, String observationId, String text, String kind, String speakerName,
                         String speakerRole, Instant capturedAt) {
    }
}
