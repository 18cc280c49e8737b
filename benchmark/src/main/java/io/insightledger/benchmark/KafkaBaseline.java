package io.insightledger.benchmark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;

/**
 * What the same broker does with the plain Kafka clients: records sized like the event topic's, produced with the
 * publisher's settings (acks=all, idempotence) to a scratch topic, pipelined and one acknowledgement at a time; read
 * back by a consumer; and the end-to-end time from send to receipt at a fixed rate. Also the event topic's size.
 */
final class KafkaBaseline {

    private static final String SCRATCH = "insight-ledger.benchmark-baseline";

    private final String bootstrapServers;
    private final String eventTopic;

    KafkaBaseline(String bootstrapServers, String eventTopic) {
        this.bootstrapServers = bootstrapServers;
        this.eventTopic = eventTopic;
    }

    /** Bytes on the broker's disk, per topic, summed over partitions. */
    long topicBytes(String topic) throws Exception {
        try (Admin admin = admin()) {
            int broker = admin.describeCluster().nodes().get().iterator().next().id();
            return admin.describeLogDirs(List.of(broker)).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> replica.getKey().topic().equals(topic))
                    .mapToLong(replica -> replica.getValue().size())
                    .sum();
        }
    }

    /** Average key and value size of the first records of the event topic. */
    Map<String, Object> eventTopicRecords(long events) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        long keyBytes = 0;
        long valueBytes = 0;
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.seekToBeginning(assignAll(consumer, eventTopic));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (records < 2000 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keyBytes += record.key() == null ? 0 : record.key().length;
                    valueBytes += record.value().length;
                    records++;
                }
            }
        }
        long bytes = topicBytes(eventTopic);
        result.put("averageKeyBytes", records == 0 ? 0 : keyBytes / records);
        result.put("averageValueBytes", records == 0 ? 0 : valueBytes / records);
        result.put("topicBytes", bytes);
        result.put("topicBytesPerMillionEvents", PostgresBaseline.perMillion(bytes, events));
        return result;
    }

    Map<String, Object> measure(Duration duration, int keyBytes, int valueBytes, int endToEndRate) throws Exception {
        try (Admin admin = admin()) {
            if (admin.listTopics().names().get().contains(SCRATCH)) {
                admin.deleteTopics(Set.of(SCRATCH)).all().get();
                Load.sleep(Duration.ofSeconds(1));
            }
            admin.createTopics(Set.of(new NewTopic(SCRATCH, 3, (short) 1))).all().get();
        }
        byte[] value = PostgresBaseline.json(valueBytes);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("recordBytes", Map.of("key", keyBytes, "value", valueBytes));
        long produced;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            Map<String, Object> pipelined = producePipelined(producer, duration, keyBytes, value);
            produced = (Long) pipelined.get("count");
            result.put("producePipelined", pipelined);
            Map<String, Object> acked = produceOneAtATime(producer, duration.dividedBy(2), keyBytes, value);
            produced += (Long) acked.get("count");
            result.put("produceEachAcknowledged", acked);
        }
        result.put("consume", consume(produced));
        result.put("endToEnd", endToEnd(duration, endToEndRate, keyBytes, value));
        result.put("topicBytesPerMillionRecords", PostgresBaseline.perMillion(topicBytes(SCRATCH), produced));
        try (Admin admin = admin()) {
            admin.deleteTopics(Set.of(SCRATCH)).all().get();
        }
        return result;
    }

    private Map<String, Object> producePipelined(KafkaProducer<String, byte[]> producer, Duration duration,
                                                 int keyBytes, byte[] value) {
        AtomicLong acknowledged = new AtomicLong();
        long started = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() - started < duration.toNanos()) {
            producer.send(new ProducerRecord<>(SCRATCH, key(keyBytes, sent++), value), (metadata, error) -> {
                if (error == null) {
                    acknowledged.incrementAndGet();
                }
            });
        }
        producer.flush();
        return rate(acknowledged.get(), started);
    }

    /** As axon-kafka's publisher sends: the next record only after the broker acknowledged the last. */
    private Map<String, Object> produceOneAtATime(KafkaProducer<String, byte[]> producer, Duration duration,
                                                  int keyBytes, byte[] value) throws Exception {
        Latency latency = new Latency();
        long started = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() - started < duration.toNanos()) {
            long t0 = System.nanoTime();
            producer.send(new ProducerRecord<>(SCRATCH, key(keyBytes, sent++), value)).get();
            latency.recordNanos(System.nanoTime() - t0);
        }
        Map<String, Object> result = rate(sent, started);
        result.put("latency", latency.summary());
        return result;
    }

    private Map<String, Object> consume(long expected) {
        long started = System.nanoTime();
        long consumed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.seekToBeginning(assignAll(consumer, SCRATCH));
            long deadline = started + Duration.ofMinutes(5).toNanos();
            while (consumed < expected && System.nanoTime() < deadline) {
                consumed += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return rate(consumed, started);
    }

    /** Produce at a fixed rate while a consumer reads: the broker's own freshness. */
    private Map<String, Object> endToEnd(Duration duration, int rate, int keyBytes, byte[] value) throws Exception {
        Latency latency = new Latency();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            List<TopicPartition> partitions = assignAll(consumer, SCRATCH);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Thread sender = new Thread(() -> {
                long period = 1_000_000_000L / rate;
                long started = System.nanoTime();
                for (long i = 0; System.nanoTime() - started < duration.toNanos(); i++) {
                    LockSupport.parkNanos(started + i * period - System.nanoTime());
                    String key = "e2e-" + i + "-" + UUID.randomUUID();
                    sentAt.put(key, System.nanoTime());
                    producer.send(new ProducerRecord<>(SCRATCH, key, value));
                }
            }, "kafka-e2e-sender");
            sender.start();
            long deadline = System.nanoTime() + duration.toNanos() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    Long at = sentAt.remove(new String(record.key(), StandardCharsets.UTF_8));
                    if (at != null) {
                        latency.recordNanos(System.nanoTime() - at);
                    }
                }
                if (!sender.isAlive() && sentAt.isEmpty()) {
                    break;
                }
            }
            sender.join();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rate", rate);
        result.put("latency", latency.summary());
        return result;
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    private static String key(int size, long n) {
        String key = "baseline-" + n + "-";
        return key + "x".repeat(Math.max(0, size - key.length()));
    }

    private static Map<String, Object> rate(long count, long startedNanos) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", count);
        result.put("perSecond", Latency.round(count / ((System.nanoTime() - startedNanos) / 1e9)));
        return result;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The command side's publisher settings. */
    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}
