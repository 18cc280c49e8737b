package io.insightledger.platform.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.insightledger.events.EventMetadata;
import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceStrength;
import io.insightledger.events.Sealed;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.AttendeeSide;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationKind;
import io.insightledger.platform.upcasting.DefaultWorkspaceUpcaster;
import io.insightledger.platform.upcasting.EvidenceLinkedEventUpcaster;
import io.insightledger.platform.upcasting.PersonalDataUpcaster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerRecordConverterTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
    private final LedgerRecordConverter converter = new LedgerRecordConverter(serializer,
            new EventUpcasterChain(new EvidenceLinkedEventUpcaster(), new DefaultWorkspaceUpcaster(),
                    new PersonalDataUpcaster()));

    private final EvidenceLinkedEvent linked = new EvidenceLinkedEvent("h-1", "e-1", "m-1", null,
            EvidenceDirection.SUPPORTS, EvidenceStrength.STRONG, "asked for it", true);
    private final DomainEventMessage<EvidenceLinkedEvent> message = new GenericDomainEventMessage<>(
            "Hypothesis", "h-1", 3, linked, MetaData.from(Map.of("actor", "pat", "correlationId", "c-1",
            EventMetadata.WORKSPACE, "payments")),
            "event-1", Instant.parse("2026-03-02T10:00:00Z"));

    @Test
    void writesOneSelfDescribingJsonEnvelopeKeyedByAggregate() throws Exception {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message, "topic");
        assertThat(record.key()).isEqualTo("h-1");
        JsonNode envelope = mapper.readTree(record.value());
        assertThat(envelope.path("eventType").asText()).isEqualTo(EvidenceLinkedEvent.class.getName());
        assertThat(envelope.path("eventRevision").asText()).isEqualTo("2");
        assertThat(envelope.path("aggregateType").asText()).isEqualTo("Hypothesis");
        assertThat(envelope.path("sequenceNumber").asLong()).isEqualTo(3);
        assertThat(envelope.path("timestamp").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(envelope.path("actor").asText()).isEqualTo("pat");
        assertThat(envelope.path("correlationId").asText()).isEqualTo("c-1");
        assertThat(envelope.path("payload").path("note").asText()).isEqualTo("asked for it");
        assertThat(envelope.path("workspace").asText()).isEqualTo("payments");
    }

    /** A consumer routes or filters by workspace without reading the value. */
    @Test
    void namesTheWorkspaceInAHeader() {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message, "topic");
        assertThat(new String(record.headers().lastHeader(LedgerRecordConverter.WORKSPACE_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("payments");
    }

    /** Events published before workspaces existed read as the default workspace's, in payload and metadata alike. */
    @Test
    void anEventFromBeforeWorkspacesReadsAsTheDefaultWorkspaces() {
        String revision1 = """
                {"eventId":"event-0","eventType":"%s","eventRevision":"1","aggregateType":"Meeting",
                 "aggregateId":"m-1","sequenceNumber":0,"timestamp":"2026-01-05T09:00:00Z","actor":"pat",
                 "correlationId":"c-0","metadata":{"actor":"pat","correlationId":"c-0"},
                 "payload":{"meetingId":"m-1","title":"Security review","occurredAt":"2026-01-05T08:00:00Z",
                            "organization":"Acme Bank","segment":"bank","channel":"VIDEO","attendees":[],
                            "notes":"","tags":[]}}
                """.formatted(MeetingRecordedEvent.class.getName());
        EventMessage<?> read = converter.readKafkaMessage(
                new ConsumerRecord<>("topic", 0, 0, "m-1", revision1.getBytes())).orElseThrow();
        assertThat(((MeetingRecordedEvent) read.getPayload()).workspaceId()).isEqualTo("default");
        assertThat(read.getMetaData()).containsEntry(EventMetadata.WORKSPACE, "default").containsEntry("actor", "pat");
        // an event that names its workspace keeps it
        EventMessage<?> current = converter.readKafkaMessage(new ConsumerRecord<>("topic", 0, 1, "h-1",
                converter.createKafkaMessage(message, "topic").value())).orElseThrow();
        assertThat(current.getMetaData()).containsEntry(EventMetadata.WORKSPACE, "payments");
    }

    @Test
    void readsBackWhatItWrote() {
        ProducerRecord<String, byte[]> written = converter.createKafkaMessage(message, "topic");
        EventMessage<?> read = converter.readKafkaMessage(
                new ConsumerRecord<>("topic", 0, 0, written.key(), written.value())).orElseThrow();
        assertThat(read.getPayload()).isEqualTo(linked);
        assertThat(read.getIdentifier()).isEqualTo("event-1");
        assertThat(read.getTimestamp()).isEqualTo(message.getTimestamp());
        assertThat(read.getMetaData()).containsEntry("actor", "pat");
        assertThat(((DomainEventMessage<?>) read).getSequenceNumber()).isEqualTo(3);
    }

    /** An event published as revision 1, before linkedAfterDecision existed, still reads: as "not recorded". */
    @Test
    void anOlderRevisionStillReads() {
        String revision1 = """
                {"eventId":"event-0","eventType":"%s","eventRevision":"1","aggregateType":"Hypothesis",
                 "aggregateId":"h-1","sequenceNumber":1,"timestamp":"2026-01-05T09:00:00Z","actor":"pat",
                 "correlationId":"c-0","metadata":{"actor":"pat","correlationId":"c-0"},
                 "payload":{"hypothesisId":"h-1","evidenceId":"e-0","meetingId":"m-1","observationId":null,
                            "direction":"CONTRADICTS","strength":"WEAK","note":""}}
                """.formatted(EvidenceLinkedEvent.class.getName());
        EventMessage<?> read = converter.readKafkaMessage(
                new ConsumerRecord<>("topic", 0, 0, "h-1", revision1.getBytes())).orElseThrow();
        assertThat(read.getPayload()).isEqualTo(new EvidenceLinkedEvent("h-1", "e-0", "m-1", null,
                EvidenceDirection.CONTRADICTS, EvidenceStrength.WEAK, "", null));
    }

    /**
     * Events written before personal data was sealed read as the sealed revisions, their values as written
     * ({@code Sealed.inClear}), their attendees without person ids; through every upcaster in a row.
     */
    @Test
    void personalDataWrittenInClearReadsAsSealedRevisionsWithTheValuesAsWritten() {
        String meeting = """
                {"eventId":"event-0","eventType":"%s","eventRevision":"1","aggregateType":"Meeting",
                 "aggregateId":"m-1","sequenceNumber":0,"timestamp":"2026-01-05T09:00:00Z","actor":"pat",
                 "correlationId":"c-0","metadata":{"actor":"pat","correlationId":"c-0"},
                 "payload":{"meetingId":"m-1","title":"Security review","occurredAt":"2026-01-05T08:00:00Z",
                            "organization":"Acme Bank","segment":"bank","channel":"VIDEO",
                            "attendees":[{"name":"Kim","role":"CISO","side":"CUSTOMER"}],
                            "notes":"Kim rotates keys","tags":[]}}
                """.formatted(MeetingRecordedEvent.class.getName());
        MeetingRecordedEvent recorded = (MeetingRecordedEvent) converter.readKafkaMessage(
                new ConsumerRecord<>("topic", 0, 0, "m-1", meeting.getBytes())).orElseThrow().getPayload();
        assertThat(recorded.notes()).isEqualTo(Sealed.inClear("Kim rotates keys"));
        assertThat(recorded.attendees()).containsExactly(new Attendee(null, Sealed.inClear("Kim"),
                Sealed.inClear("CISO"), AttendeeSide.CUSTOMER));

        String observation = """
                {"eventId":"event-1","eventType":"%s","eventRevision":"1","aggregateType":"Meeting",
                 "aggregateId":"m-1","sequenceNumber":1,"timestamp":"2026-01-05T09:00:00Z","actor":"pat",
                 "correlationId":"c-1","metadata":{"actor":"pat","correlationId":"c-1","workspace":"default"},
                 "payload":{"meetingId":"m-1","observationId":"o-1","text":"It hurts","kind":"QUOTE",
                            "speakerRole":"CISO","speakerName":null,"tags":[]}}
                """.formatted(ObservationCapturedEvent.class.getName());
        assertThat(converter.readKafkaMessage(new ConsumerRecord<>("topic", 0, 1, "m-1", observation.getBytes()))
                .orElseThrow().getPayload()).isEqualTo(new ObservationCapturedEvent("m-1", "o-1",
                Sealed.inClear("It hurts"), ObservationKind.QUOTE, Sealed.inClear("CISO"), null, null, List.of()));
    }

    /** Not skipped with a log line: it reaches the projections, which park it as a dead letter. */
    @Test
    void aRecordThatIsNotAnEnvelopeArrivesAsUnreadable() {
        UnreadableRecord unreadable = unreadable(new ConsumerRecord<>("topic", 2, 7, "k", "not json".getBytes()));
        assertThat(unreadable.aggregateId()).isEqualTo("k");
        assertThat(unreadable.partition()).isEqualTo(2);
        assertThat(unreadable.offset()).isEqualTo(7);
        assertThat(unreadable.value()).isEqualTo("not json".getBytes());
        assertThat(unreadable(new ConsumerRecord<>("topic", 1, 9, null, "[]".getBytes())).aggregateId())
                .isEqualTo("unreadable@1:9");
    }

    @Test
    void anUnknownTypeOrRevisionOrABadPayloadArrivesAsUnreadableOfItsAggregate() {
        String envelope = new String(converter.createKafkaMessage(message, "topic").value());
        UnreadableRecord unknownType = unreadable(record(envelope.replace(
                EvidenceLinkedEvent.class.getName(), "io.insightledger.events.hypothesis.EvidenceRatedEvent")));
        assertThat(unknownType.reason()).contains("unknown event type");
        assertThat(unknownType.aggregateId()).isEqualTo("h-1");
        assertThat(unknownType.sequenceNumber()).isEqualTo(3);
        assertThat(unknownType.eventType()).isEqualTo("io.insightledger.events.hypothesis.EvidenceRatedEvent");

        assertThat(unreadable(record(envelope.replace("\"eventRevision\":\"2\"", "\"eventRevision\":\"3\"")))
                .reason()).contains("revision 3");
        assertThat(unreadable(record(envelope.replace("\"SUPPORTS\"", "\"SIDEWAYS\""))).reason())
                .contains("SIDEWAYS");
        assertThat(unreadable(record(envelope.replace(EvidenceLinkedEvent.class.getName(), "java.util.HashMap")))
                .reason()).contains("not an Insight Ledger event type");
    }

    private UnreadableRecord unreadable(ConsumerRecord<String, byte[]> record) {
        EventMessage<?> read = converter.readKafkaMessage(record).orElseThrow();
        assertThat(read.getPayload()).isInstanceOf(UnreadableRecord.class);
        return (UnreadableRecord) read.getPayload();
    }

    private static ConsumerRecord<String, byte[]> record(String value) {
        return new ConsumerRecord<>("topic", 0, 0, "h-1", value.getBytes());
    }
}
