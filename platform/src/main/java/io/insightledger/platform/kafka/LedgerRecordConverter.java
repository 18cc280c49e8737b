package io.insightledger.platform.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightledger.events.EventMetadata;
import io.insightledger.platform.Failures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The topic's wire format: each record's value is one JSON envelope that anyone can read with Kafka's own tools and
 * a JSON parser, keyed by aggregate id so one aggregate's events stay in order on one partition.
 * <pre>{@code
 * {"eventId", "eventType", "eventRevision", "aggregateType", "aggregateId", "sequenceNumber",
 *  "timestamp", "actor", "correlationId", "workspace", "metadata": {...}, "payload": {...}}
 * }</pre>
 * Reading runs the envelope through the upcaster chain, so an older revision still reads as today's event; a record
 * that cannot be read arrives as an {@link UnreadableRecord}.
 */
public class LedgerRecordConverter implements KafkaMessageConverter<String, byte[]> {

    public static final String CONTENT_TYPE_HEADER = "content-type";
    public static final String EVENT_TYPE_HEADER = "event-type";
    /** The event's workspace, so that a consumer can route or filter without reading the value. */
    public static final String WORKSPACE_HEADER = "workspace";

    private static final Logger log = LoggerFactory.getLogger(LedgerRecordConverter.class);
    private static final String EVENT_PACKAGE = "io.insightledger.events.";

    private final JacksonSerializer serializer;
    private final EventUpcaster upcasters;
    private final ObjectMapper mapper;
    private final Set<SerializedType> readable = ConcurrentHashMap.newKeySet();

    public LedgerRecordConverter(JacksonSerializer serializer, EventUpcaster upcasters) {
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.mapper = serializer.getObjectMapper();
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
        SerializedObject<JsonNode> payload = event.serializePayload(serializer, JsonNode.class);
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("eventId", event.getIdentifier());
        envelope.put("eventType", payload.getType().getName());
        envelope.put("eventRevision", payload.getType().getRevision());
        String key = null;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            key = domainEvent.getAggregateIdentifier();
            envelope.put("aggregateType", domainEvent.getType());
            envelope.put("aggregateId", key);
            envelope.put("sequenceNumber", domainEvent.getSequenceNumber());
        }
        envelope.put("timestamp", event.getTimestamp().toString());
        envelope.put("actor", (String) event.getMetaData().get(EventMetadata.ACTOR));
        envelope.put("correlationId", (String) event.getMetaData().get(EventMetadata.CORRELATION_ID));
        String workspace = (String) event.getMetaData().get(EventMetadata.WORKSPACE);
        envelope.put("workspace", workspace);
        envelope.set("metadata", mapper.valueToTree(event.getMetaData()));
        envelope.set("payload", payload.getData());
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(CONTENT_TYPE_HEADER, utf8("application/json")));
        headers.add(new RecordHeader(EVENT_TYPE_HEADER, utf8(payload.getType().getName())));
        if (workspace != null) {
            headers.add(new RecordHeader(WORKSPACE_HEADER, utf8(workspace)));
        }
        try {
            return new ProducerRecord<>(topic, null, null, key, mapper.writeValueAsBytes(envelope), headers);
        } catch (IOException e) {
            throw new UncheckedIOException("Event " + event.getIdentifier() + " could not be written as JSON", e);
        }
    }

    /**
     * The record's event, upcast to the revision this reader knows. A record that cannot be read is not skipped: it
     * becomes an {@link UnreadableRecord} event of its aggregate (or of its own, if not even that can be read).
     * Empty only when an upcaster drops the event on purpose.
     */
    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        JsonNode envelope = null;
        try {
            envelope = mapper.readTree(record.value());
            if (envelope == null || !envelope.isObject()) {
                return Optional.of(unreadable(record, null, "the record is not a JSON object"));
            }
            Instant timestamp = Instant.parse(envelope.required("timestamp").asText());
            GenericDomainEventEntry<JsonNode> entry = new GenericDomainEventEntry<>(
                    envelope.required("aggregateType").asText(),
                    envelope.required("aggregateId").asText(),
                    envelope.required("sequenceNumber").asLong(),
                    envelope.required("eventId").asText(),
                    timestamp,
                    envelope.required("eventType").asText(),
                    envelope.path("eventRevision").isNull() ? null : envelope.path("eventRevision").asText(null),
                    envelope.required("payload"),
                    envelope.path("metadata"));
            Optional<IntermediateEventRepresentation> upcast =
                    upcasters.upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst();
            if (upcast.isEmpty()) {
                return Optional.empty();
            }
            IntermediateEventRepresentation upcasted = upcast.get();
            Optional<String> unknown = unknownType(upcasted.getType());
            if (unknown.isPresent()) {
                return Optional.of(unreadable(record, envelope, unknown.get()));
            }
            LazyDeserializingObject<Object> payload = new LazyDeserializingObject<>(upcasted.getData(), serializer);
            // read now, so that a payload that does not fit its type is found here and not in a handler
            payload.getObject();
            upcasted.getMetaData().getObject();
            return Optional.of(new GenericDomainEventMessage<>(
                    upcasted.getAggregateType().orElse(entry.getType()),
                    upcasted.getAggregateIdentifier().orElse(entry.getAggregateIdentifier()),
                    upcasted.getSequenceNumber().orElse(entry.getSequenceNumber()),
                    new SerializedMessage<>(upcasted.getMessageIdentifier(), payload, upcasted.getMetaData()),
                    () -> timestamp));
        } catch (IOException | RuntimeException e) {
            return Optional.of(unreadable(record, envelope, Failures.describe(e, 2_000)));
        }
    }

    /** Why this reader cannot read events of the type, if it cannot: unknown, or of a revision it does not know. */
    private Optional<String> unknownType(SerializedType type) {
        if (readable.contains(type)) {
            return Optional.empty();
        }
        Optional<String> unknown = whyUnknown(type);
        if (unknown.isEmpty()) {
            // only types of ours, so the set stays as small as the event contract
            readable.add(type);
        }
        return unknown;
    }

    private Optional<String> whyUnknown(SerializedType type) {
        if (!type.getName().startsWith(EVENT_PACKAGE)) {
            // a record names the class its payload is read into: only our own events, never any class at all
            return Optional.of(type.getName() + " is not an Insight Ledger event type");
        }
        Class<?> known = serializer.classForType(type);
        if (UnknownSerializedType.class.equals(known)) {
            return Optional.of("unknown event type " + type.getName() + " (written by a newer version?)");
        }
        String revision = serializer.typeForClass(known).getRevision();
        if (!Objects.equals(revision, type.getRevision())) {
            return Optional.of("revision " + type.getRevision() + " of " + type.getName()
                    + " is not known here (this reader knows revision " + revision + ")");
        }
        return Optional.empty();
    }

    private static EventMessage<UnreadableRecord> unreadable(ConsumerRecord<String, byte[]> record, JsonNode envelope,
                                                            String reason) {
        String aggregateId = text(envelope, "aggregateId");
        if (aggregateId == null) {
            aggregateId = record.key() != null ? record.key()
                    : "unreadable@" + record.partition() + ":" + record.offset();
        }
        Long sequenceNumber = envelope != null && envelope.path("sequenceNumber").isIntegralNumber()
                ? envelope.path("sequenceNumber").asLong() : null;
        log.warn("Unreadable record at {}-{} offset {}: {}; each projection parks it as a dead letter",
                record.topic(), record.partition(), record.offset(), reason);
        UnreadableRecord unreadable = new UnreadableRecord(reason, aggregateId, sequenceNumber,
                text(envelope, "eventType"), record.partition(), record.offset(), record.value());
        return new GenericDomainEventMessage<>(UnreadableRecord.class.getSimpleName(), aggregateId,
                sequenceNumber == null ? 0 : sequenceNumber, unreadable);
    }

    private static String text(JsonNode envelope, String field) {
        return envelope != null && envelope.path(field).isTextual() ? envelope.path(field).asText() : null;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
