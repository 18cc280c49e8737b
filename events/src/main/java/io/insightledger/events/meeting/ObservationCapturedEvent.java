package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * One thing learned in a meeting: a quote or a paraphrase, and who said it.
 *
 * @param speakerName may be {@code null}: the role is what matters, and not everyone wants to be named
 */
@Revision("1")
public record ObservationCapturedEvent(
        String meetingId,
        String observationId,
        String text,
        ObservationKind kind,
        String speakerRole,
        String speakerName,
        List<String> tags) {
}
