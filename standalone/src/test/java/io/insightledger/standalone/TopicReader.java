package io.insightledger.standalone;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the event topic from its start to its current end, as any outside consumer could. */
final class TopicReader {

    static final String TOPIC = "insight-ledger.events";

    private TopicReader() {
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return Api.JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many records the topic holds, asked again and again over one connection. */
    static final class Size implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> partitions;

        Size(String bootstrapServers) {
            consumer = consumer(bootstrapServers);
            partitions = partitions(consumer);
        }

        /** The topic keeps every record from offset 0 on, so its end offsets add up to its size. */
        long now() {
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the topic to its end in time");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        return consumer.partitionsFor(TOPIC).stream().map(info -> new TopicPartition(TOPIC, info.partition())).toList();
    }
}
