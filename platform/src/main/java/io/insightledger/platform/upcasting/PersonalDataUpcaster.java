package io.insightledger.platform.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Reads the revisions written before personal data was sealed as the sealed revisions, with each personal value
 * {@code {"data": <the value as written>}} ({@code Sealed.inClear}) and attendees without a person id. The stored
 * events stay as they were: clear text that only an offline migration can seal (docs/privacy.md). Runs after
 * {@link DefaultWorkspaceUpcaster}, which takes a meeting of revision 1 to 2.
 */
@Component
@Order(2)
public class PersonalDataUpcaster extends SingleEventUpcaster {

    /** Which fields hold personal data, in the last revision written in clear, and the revision that seals them. */
    private record InClear(String sealedRevision, List<String> fields, boolean attendees) {
    }

    private static final Map<SimpleSerializedType, InClear> REVISIONS_IN_CLEAR = Map.of(
            new SimpleSerializedType(MeetingRecordedEvent.class.getName(), "2"),
            new InClear("3", List.of("notes"), true),
            new SimpleSerializedType(MeetingAttendeesReplacedEvent.class.getName(), "1"),
            new InClear("2", List.of(), true),
            new SimpleSerializedType(MeetingNotesRevisedEvent.class.getName(), "1"),
            new InClear("2", List.of("notes"), false),
            new SimpleSerializedType(ObservationCapturedEvent.class.getName(), "1"),
            new InClear("2", List.of("text", "speakerRole", "speakerName"), false),
            new SimpleSerializedType(ObservationRevisedEvent.class.getName(), "1"),
            new InClear("2", List.of("text"), false));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISIONS_IN_CLEAR.containsKey(typeOf(event));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        InClear inClear = REVISIONS_IN_CLEAR.get(typeOf(event));
        return event.upcastPayload(
                new SimpleSerializedType(event.getType().getName(), inClear.sealedRevision()),
                JsonNode.class,
                payload -> {
                    ObjectNode fields = (ObjectNode) payload;
                    inClear.fields().forEach(field -> inClear(fields, field));
                    if (inClear.attendees() && fields.get("attendees") != null) {
                        fields.get("attendees").forEach(attendee -> {
                            inClear((ObjectNode) attendee, "name");
                            inClear((ObjectNode) attendee, "role");
                        });
                    }
                    return fields;
                });
    }

    private static SimpleSerializedType typeOf(IntermediateEventRepresentation event) {
        return new SimpleSerializedType(event.getType().getName(), event.getType().getRevision());
    }

    private static void inClear(ObjectNode fields, String field) {
        JsonNode value = fields.get(field);
        if (value != null && value.isTextual()) {
            fields.set(field, JsonNodeFactory.instance.objectNode().put("data", value.asText()));
        }
    }
}
