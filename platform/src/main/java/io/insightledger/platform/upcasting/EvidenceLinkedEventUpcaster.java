package io.insightledger.platform.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads {@link EvidenceLinkedEvent} revision 1 as revision 2: {@code linkedAfterDecision} was not recorded then, so it
 * reads as {@code null}. Used by the event store and by the Kafka reader alike.
 */
@Component
@Order(0)
public class EvidenceLinkedEventUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(EvidenceLinkedEvent.class.getName(), "1");
    private static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(
                new SimpleSerializedType(REVISION_1.getName(), REVISION_2),
                JsonNode.class,
                payload -> ((ObjectNode) payload).putNull("linkedAfterDecision"));
    }
}
