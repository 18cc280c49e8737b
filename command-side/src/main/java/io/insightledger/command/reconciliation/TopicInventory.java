package io.insightledger.command.reconciliation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * What the topic holds: per aggregate, the sequence numbers of the event envelopes on it (platform's
 * LedgerRecordConverter writes them), from its first record to its end as it was when reading began. A record that is
 * not such an envelope is counted, and does not stand for any event.
 */
final class TopicInventory {

    private static final JsonFactory JSON = new JsonFactory();
    /** What the query side needs of an envelope to read it. */
    private static final Set<String> REQUIRED = Set.of("eventId", "eventType", "aggregateType", "aggregateId",
            "sequenceNumber", "timestamp", "payload");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    /** An envelope's event: its aggregate and sequence number. */
    record EventId(String aggregateId, long sequenceNumber) {
    }

    private final Map<String, SequenceNumbers> byAggregate = new HashMap<>();
    private long events;
    private long duplicates;
    private long unreadable;
    private String firstUnreadable;

    private TopicInventory() {
    }

    /**
     * Reads the whole topic with a consumer of its own (assigned every partition, no group, nothing committed).
     *
     * @param phase told how many records there are to read; gives the progress to advance
     */
    static TopicInventory read(Consumer<byte[], byte[]> consumer, String topic, LongFunction<Progress> phase) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, ANSWER_TIMEOUT).stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, ANSWER_TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, ANSWER_TIMEOUT);
        consumer.seekToBeginning(partitions);
        Progress progress = phase.apply(partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum());

        TopicInventory inventory = new TopicInventory();
        Set<TopicPartition> unfinished = new HashSet<>(partitions);
        unfinished.removeIf(p -> begin.get(p) >= end.get(p));
        long lastRecordAt = System.nanoTime();
        while (!unfinished.isEmpty()) {
            int read = 0;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    inventory.add(record);
                    read++;
                }
            }
            progress.add(read);
            if (read > 0) {
                lastRecordAt = System.nanoTime();
            } else if (System.nanoTime() - lastRecordAt > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("Kafka sent nothing of topic " + topic + " for " + STALL_LIMIT
                        .toSeconds() + " s before its end; partitions still unread: " + unfinished);
            }
            unfinished.removeIf(p -> consumer.position(p) >= end.get(p));
        }
        inventory.byAggregate.values().forEach(sequences -> {
            inventory.duplicates += sequences.sortAndCountRepeats();
            inventory.events += sequences.size();
        });
        return inventory;
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        EventId event = identify(record.value());
        if (event == null) {
            if (unreadable++ == 0) {
                firstUnreadable = record.topic() + "-" + record.partition() + "@" + record.offset();
            }
            return;
        }
        byAggregate.computeIfAbsent(event.aggregateId(), id -> new SequenceNumbers()).add(event.sequenceNumber());
    }

    /**
     * @return the event a record's value is the envelope of, or {@code null} when it is not an envelope: not a JSON
     *         object, or without a field the query side needs to read it
     */
    static EventId identify(byte[] value) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Set<String> present = new HashSet<>();
            String aggregateId = null;
            long sequenceNumber = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token != JsonToken.VALUE_NULL) {
                    present.add(field);
                }
                if (field.equals("aggregateId") && token == JsonToken.VALUE_STRING) {
                    aggregateId = parser.getText();
                } else if (field.equals("sequenceNumber") && token == JsonToken.VALUE_NUMBER_INT) {
                    sequenceNumber = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
            // the whole value must be that one object
            boolean complete = parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null;
            return complete && present.containsAll(REQUIRED) && aggregateId != null && sequenceNumber >= 0
                    ? new EventId(aggregateId, sequenceNumber) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether an envelope of this event is on the topic. */
    boolean holds(String aggregateId, long sequenceNumber) {
        SequenceNumbers sequences = byAggregate.get(aggregateId);
        return sequences != null && sequences.contains(sequenceNumber);
    }

    /** Events on the topic, each counted once however often it is there. */
    long events() {
        return events;
    }

    /** Envelopes of an event that is on the topic before them. */
    long duplicates() {
        return duplicates;
    }

    /** Records that are not event envelopes. */
    long unreadable() {
        return unreadable;
    }

    /** Where the first record that is not an envelope is (topic-partition@offset), or {@code null}. */
    String firstUnreadable() {
        return firstUnreadable;
    }
}
