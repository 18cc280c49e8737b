package io.insightledger.events.meeting;

import io.insightledger.events.Sealed;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * One thing learned in a meeting: a quote or a paraphrase, and who said it.
 * <p>
 * Revision 2: the text is sealed under the meeting's key; a named speaker is a person ({@code speakerId}), whose name
 * and role as written are sealed under their key; an unnamed speaker's role is sealed under the meeting's key.
 *
 * @param speakerId   the speaking person, or {@code null} when the speaker is not named (and for revision 1)
 * @param speakerName may be {@code null}: the role is what matters, and not everyone wants to be named
 */
@Revision("2")
public record ObservationCapturedEvent(
        String meetingId,
        String observationId,
        Sealed text,
        ObservationKind kind,
        Sealed speakerRole,
        String speakerId,
        Sealed speakerName,
        List<String> tags) {
}
