package io.insightledger.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaServerTest {

    private static final String TOPIC = "meetings";
    private static final String GROUP = "projector";

    @Test
    void keepsTopicsRecordsAndOffsetsAcrossStopStartAndANewInstance(@TempDir Path dataDir) throws Exception {
        TopicPartition partition;
        try (KafkaServer kafka = new KafkaServer(dataDir, 0)) {
            kafka.start();
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
                // kept data: an acknowledged record is on disk, not only in the page cache
                ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
                assertThat(admin.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker)
                        .get("log.flush.interval.messages").value()).isEqualTo("1");
            }
            RecordMetadata written = produce(bootstrap, "meeting-1", "held");
            partition = new TopicPartition(TOPIC, written.partition());
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                consumer.subscribe(List.of(TOPIC));
                assertThat(pollUntilAny(consumer)).extracting(ConsumerRecord::value).containsExactly("held");
                consumer.commitSync();
            }

            kafka.stop();
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", kafka.port()), 1000))
                    .isInstanceOf(ConnectException.class);
            try (Admin admin = admin(bootstrap)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
            }

            kafka.start();
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            assertKept(bootstrap, partition);
        }

        try (KafkaServer restarted = new KafkaServer(dataDir, 0)) {
            restarted.start();
            assertKept(restarted.bootstrapServers(), partition);
        }
    }

    @Test
    void temporaryDirectoryIsRemovedOnClose() {
        KafkaServer kafka = new KafkaServer(null, 0);
        kafka.start();
        assertThat(kafka.dataDirectory().resolve("meta.properties")).exists();
        kafka.close();
        assertThat(kafka.dataDirectory()).doesNotExist();
        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class);
    }

    private static void assertKept(String bootstrap, TopicPartition partition) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(TOPIC).partitions()).hasSize(3);
        }
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(partition), Duration.ofSeconds(10));
            assertThat(committed.get(partition).offset()).isEqualTo(1);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            assertThat(pollUntilAny(consumer)).extracting(ConsumerRecord::value).containsExactly("held");
        }
    }

    private static RecordMetadata produce(String bootstrap, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(TOPIC, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static List<ConsumerRecord<String, String>> pollUntilAny(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (records.isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000));
    }
}
