package io.insightledger.query.hypothesis;

import java.time.Instant;
import java.util.Map;

/**
 * What the hypothesis views need to know about a meeting that evidence points at. It may arrive after the evidence
 * (another partition), so views look it up when they read, never when the evidence is projected.
 *
 * @param retractedAt  null while the meeting counts
 * @param observations what each of its observations says now, by id
 */
public record MeetingFact(String meetingId, String title, String organization, String segment, Instant occurredAt,
                          Instant retractedAt, Map<String, String> observations) {

    /** Whether the meeting stood retracted at {@code instant} ({@code null}: now). */
    boolean retractedAt(Instant instant) {
        return retractedAt != null && (instant == null || !retractedAt.isAfter(instant));
    }
}
