package io.insightledger.platform.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightledger.events.EventMetadata;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

/**
 * Everything recorded before workspaces existed belongs to the {@code default} workspace. Such events lack the
 * {@code workspace} metadata, which this adds on reading; and the two creation events of revision 1 read as revision 2
 * with {@code workspaceId} {@code default}. The stored events stay as they were written. Used by the event store and by
 * the Kafka reader alike.
 */
@Component
@Order(1)
public class DefaultWorkspaceUpcaster extends SingleEventUpcaster {

    private static final String EVENT_PACKAGE = "io.insightledger.events.";
    private static final Set<SerializedType> CREATIONS_OF_REVISION_1 = Set.of(
            new SimpleSerializedType(MeetingRecordedEvent.class.getName(), "1"),
            new SimpleSerializedType(HypothesisProposedEvent.class.getName(), "1"));
    private static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().getName().startsWith(EVENT_PACKAGE)
                && !event.getMetaData().getObject().containsKey(EventMetadata.WORKSPACE);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        boolean creation = CREATIONS_OF_REVISION_1.contains(event.getType());
        SerializedType type = creation ? new SimpleSerializedType(event.getType().getName(), REVISION_2)
                : event.getType();
        return event.upcast(type, JsonNode.class,
                payload -> creation
                        ? ((ObjectNode) payload).put("workspaceId", EventMetadata.DEFAULT_WORKSPACE) : payload,
                metaData -> metaData.mergedWith(Map.of(EventMetadata.WORKSPACE, EventMetadata.DEFAULT_WORKSPACE)));
    }
}
