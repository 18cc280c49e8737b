package io.insightledger.platform.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightledger.events.EventMetadata;
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
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The topic's wire format: each record's value is one JSON envelope that anyone can read with Kafka's own tools and
 * a JSON parser, keyed by aggregate id so one aggregate's events stay in order on one partition.
 * <pre>{@code
 * {"eventId", "eventType", "eventRevision", "aggregateType", "aggregateId", "sequenceNumber",
 *  "timestamp", "actor", "correlationId", "metadata": {...}, "payload": {...}}
 * }</pre>
 * Reading runs the envelope through the upcaster chain, so an older revision still reads as today's event.
 */
public class LedgerRecordConverter implements KafkaMessageConverter<String, byte[]> {

    public static final String CONTENT_TYPE_HEADER = "content-type";
    public static final String EVENT_TYPE_HEADER = "event-type";

    private static final Logger log = LoggerFactory.getLogger(LedgerRecordConverter.class);

    private final JacksonSerializer serializer;
    private final EventUpcaster upcasters;
    private final ObjectMapper mapper;

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
        envelope.set("metadata", mapper.valueToTree(event.getMetaData()));
        envelope.set("payload", payload.getData());
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(CONTENT_TYPE_HEADER, utf8("application/json")));
        headers.add(new RecordHeader(EVENT_TYPE_HEADER, utf8(payload.getType().getName())));
        try {
            return new ProducerRecord<>(topic, null, null, key, mapper.writeValueAsBytes(envelope), headers);
        } catch (IOException e) {
            throw new UncheckedIOException("Event " + event.getIdentifier() + " could not be written as JSON", e);
        }
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode envelope = mapper.readTree(record.value());
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
            return upcasters.upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                    .findFirst()
                    .map(upcasted -> new GenericDomainEventMessage<>(
                            upcasted.getAggregateType().orElse(entry.getType()),
                            upcasted.getAggregateIdentifier().orElse(entry.getAggregateIdentifier()),
                            upcasted.getSequenceNumber().orElse(entry.getSequenceNumber()),
                            new SerializedMessage<>(upcasted.getMessageIdentifier(),
                                    new LazyDeserializingObject<>(upcasted.getData(), serializer),
                                    upcasted.getMetaData()),
                            () -> timestamp));
        } catch (IOException | RuntimeException e) {
            // a record we cannot read is skipped by the message source: say so loudly, with where it is
            log.error("Skipping unreadable record at {}-{} offset {}: {}",
                    record.topic(), record.partition(), record.offset(), e.toString());
            return Optional.empty();
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
