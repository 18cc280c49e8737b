package io.insightledger.standalone;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Bodies of the command API's requests, as a client writes them. */
final class Requests {

    private Requests() {
    }

    static Map<String, Object> meeting(String id, String organization) {
        return Map.of(
                "id", id,
                "title", "Security review with " + organization,
                "occurredAt", "2026-03-02T10:00:00Z",
                "organization", organization,
                "segment", "bank",
                "channel", "VIDEO",
                "attendees", List.of(
                        Map.of("name", "Kim", "role", "Security engineer", "side", "CUSTOMER"),
                        Map.of("name", "Pat", "role", "Product manager", "side", "TEAM")),
                "notes", "They rotate keys by hand every quarter.",
                "tags", List.of("security"));
    }

    static Map<String, Object> hypothesis(String id, String title) {
        return Map.of(
                "id", id,
                "title", title,
                "statement", "We believe that security teams want keys to rotate themselves",
                "category", "DESIRABILITY",
                "successCriteria", "We are right if three of five banks ask for it",
                "tags", List.of("security"));
    }

    static Map<String, Object> observation(String id, String text) {
        return Map.of("id", id, "text", text, "kind", "QUOTE", "speakerRole", "Security engineer",
                "tags", List.of("security"));
    }

    static Map<String, Object> evidence(String id, String meetingId, String observationId, String direction) {
        return Map.of("id", id, "meetingId", meetingId, "observationId", observationId, "direction", direction,
                "strength", "MODERATE", "note", "Said in passing");
    }

    static Map<String, Object> reason(String reason) {
        return Map.of("reason", reason);
    }

    static Map<String, Object> with(Map<String, Object> request, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(request);
        copy.put(key, value);
        return copy;
    }

    static Map<String, Object> evidence(String id, String meetingId, String direction) {
        return Map.of("id", id, "meetingId", meetingId, "direction", direction, "strength", "STRONG",
                "note", "Asked for it unprompted");
    }

    static Map<String, Object> decision(String outcome, List<String> evidenceIds) {
        return Map.of("outcome", outcome, "rationale", "Three banks asked for it", "evidenceIds", evidenceIds);
    }
}
