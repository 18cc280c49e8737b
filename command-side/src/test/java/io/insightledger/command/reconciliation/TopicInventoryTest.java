package io.insightledger.command.reconciliation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.insightledger.events.Sealed;
import io.insightledger.events.meeting.Channel;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.platform.kafka.LedgerRecordConverter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The topic as the reconciliation sees it: envelopes as the publisher writes them, counted per aggregate. */
class TopicInventoryTest {

    private static final String TOPIC = "events";

    private final LedgerRecordConverter converter = new LedgerRecordConverter(JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build(), new EventUpcasterChain());
    private final List<Progress> phases = new ArrayList<>();

    @Test
    void anEnvelopeThePublisherWritesNamesItsEvent() {
        assertThat(TopicInventory.identify(envelope("m-1", 3)))
                .isEqualTo(new TopicInventory.EventId("m-1", 3));
    }

    @Test
    void aRecordThatIsNotACompleteEnvelopeNamesNoEvent() {
        assertThat(TopicInventory.identify(null)).isNull();
        assertThat(TopicInventory.identify(utf8("not json"))).isNull();
        assertThat(TopicInventory.identify(utf8("[1, 2]"))).isNull();
        assertThat(TopicInventory.identify(utf8("{\"aggregateId\": \"m-1\", \"sequenceNumber\": 0}"))).isNull();
        String whole = new String(envelope("m-1", 0), StandardCharsets.UTF_8);
        assertThat(TopicInventory.identify(utf8(whole.substring(0, whole.length() - 1)))).as("cut short").isNull();
        assertThat(TopicInventory.identify(utf8(whole + "{}"))).as("followed by more").isNull();
        assertThat(TopicInventory.identify(utf8(whole.replace("\"sequenceNumber\":0", "\"sequenceNumber\":\"0\""))))
                .as("sequence number as text").isNull();
        assertThat(TopicInventory.identify(utf8(whole.replace("\"sequenceNumber\":0", "\"sequenceNumber\":-1"))))
                .isNull();
        assertThat(TopicInventory.identify(utf8(whole.replace("\"sequenceNumber\":0",
                "\"sequenceNumber\":123456789012345678901234567890")))).as("beyond a long").isNull();
    }

    @Test
    void readsEveryPartitionFromItsStartToItsEndAndCountsDuplicatesAndStrangers() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        TopicPartition first = new TopicPartition(TOPIC, 0);
        TopicPartition second = new TopicPartition(TOPIC, 1);
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        // the first partition's first two records were deleted
        consumer.updateBeginningOffsets(Map.of(first, 2L, second, 0L));
        consumer.updateEndOffsets(Map.of(first, 6L, second, 3L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(first, 2, envelope("m-1", 1)));
            consumer.addRecord(record(first, 3, envelope("m-1", 2)));
            consumer.addRecord(record(second, 0, envelope("h-1", 0)));
        });
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(first, 4, envelope("m-1", 1)));
            consumer.addRecord(record(first, 5, utf8("garbage")));
            consumer.addRecord(record(second, 1, envelope("h-1", 1)));
            consumer.addRecord(record(second, 2, envelope("h-1", 0)));
            // published after reading began: not part of this inventory
            consumer.addRecord(record(second, 3, envelope("h-1", 2)));
        });

        TopicInventory inventory = TopicInventory.read(consumer, TOPIC,
                total -> record(new Progress(ReconciliationStatus.Phase.READING_TOPIC, total)));

        assertThat(inventory.events()).isEqualTo(4);
        assertThat(inventory.duplicates()).isEqualTo(2);
        assertThat(inventory.unreadable()).isEqualTo(1);
        assertThat(inventory.firstUnreadable()).isEqualTo("events-0@5");
        assertThat(inventory.holds("m-1", 0)).as("deleted").isFalse();
        assertThat(inventory.holds("m-1", 2)).isTrue();
        assertThat(inventory.holds("h-1", 1)).isTrue();
        assertThat(inventory.holds("h-1", 2)).isFalse();
        assertThat(phases).singleElement().satisfies(progress -> {
            assertThat(progress.total()).isEqualTo(7);
            assertThat(progress.done()).isEqualTo(7);
        });
    }

    @Test
    void anEmptyTopicHoldsNothing() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        TopicPartition only = new TopicPartition(TOPIC, 0);
        consumer.updatePartitions(TOPIC, List.of(partition(0)));
        consumer.updateBeginningOffsets(Map.of(only, 0L));
        consumer.updateEndOffsets(Map.of(only, 0L));

        TopicInventory inventory = TopicInventory.read(consumer, TOPIC,
                total -> record(new Progress(ReconciliationStatus.Phase.READING_TOPIC, total)));

        assertThat(inventory.events()).isZero();
        assertThat(inventory.holds("m-1", 0)).isFalse();
    }

    private Progress record(Progress progress) {
        phases.add(progress);
        return progress;
    }

    private byte[] envelope(String meetingId, long sequenceNumber) {
        MeetingRecordedEvent recorded = new MeetingRecordedEvent(meetingId, "Security review",
                Instant.parse("2026-03-02T10:00:00Z"), "Acme Bank", "bank", Channel.VIDEO, List.of(), Sealed.inClear("notes"),
                List.of(), "default");
        return converter.createKafkaMessage(new GenericDomainEventMessage<>("Meeting", meetingId, sequenceNumber,
                recorded, MetaData.with("actor", "demo")), TOPIC).value();
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, byte[] value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, value);
    }

    private static PartitionInfo partition(int number) {
        return new PartitionInfo(TOPIC, number, Node.noNode(), new Node[0], new Node[0]);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
