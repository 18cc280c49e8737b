package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event store and the topic side by side, each event as "aggregate#sequence", and records lost from the topic. */
final class TopicAndStore {

    private TopicAndStore() {
    }

    static Set<String> stored(RunningSystem running) {
        Set<String> events = new HashSet<>();
        sql(running, "SELECT aggregateidentifier || '#' || sequencenumber FROM domainevententry", result -> {
            while (result.next()) {
                events.add(result.getString(1));
            }
            return null;
        });
        return events;
    }

    /** The events whose envelopes are on the topic (records that are not envelopes are left out). */
    static Set<String> onTopic(RunningSystem running) {
        return TopicReader.readAll(running.infrastructure().kafkaBootstrapServers()).stream()
                .map(TopicAndStore::event)
                .filter(event -> event != null)
                .collect(Collectors.toSet());
    }

    /** Waits until the publisher has put every stored event on the topic, except those the topic lost. */
    static void awaitPublished(RunningSystem running, Set<String> lost) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Set<String> expected = stored(running);
            expected.removeAll(lost);
            assertThat(onTopic(running)).containsAll(expected);
        });
    }

    /**
     * Deletes every record the busiest partition holds so far, as a broker that lost them would leave it.
     *
     * @return the events deleted
     */
    static Set<String> loseBusiestPartition(RunningSystem running) throws Exception {
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readAll(running.infrastructure().kafkaBootstrapServers());
        Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = records.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition));
        List<ConsumerRecord<String, byte[]>> busiest = byPartition.values().stream()
                .max(Comparator.comparingInt(List::size)).orElseThrow();
        TopicPartition partition = new TopicPartition(TopicReader.TOPIC, busiest.get(0).partition());
        long end = busiest.stream().mapToLong(ConsumerRecord::offset).max().orElseThrow() + 1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                running.infrastructure().kafkaBootstrapServers()))) {
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(end))).all().get(10, TimeUnit.SECONDS);
        }
        return busiest.stream().map(TopicAndStore::event).collect(Collectors.toSet());
    }

    /** Waits for the reconciliation the command side runs or ran last to end, and answers its status. */
    static JsonNode awaitReconciliation(Api commands) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> commands.get("/api/admin/reconciliation").body(),
                        status -> status.path("state").asText().matches("DONE|FAILED"));
    }

    private static String event(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode envelope = Api.JSON.readTree(record.value());
            return envelope.hasNonNull("aggregateId")
                    ? envelope.path("aggregateId").asText() + "#" + envelope.path("sequenceNumber").asLong() : null;
        } catch (IOException e) {
            return null;
        }
    }

    interface ResultReader<T> {
        T read(ResultSet result) throws SQLException;
    }

    static <T> T sql(RunningSystem running, String query, ResultReader<T> reader) {
        try (Connection connection = DriverManager.getConnection(
                running.infrastructure().jdbcUrl(LedgerSystem.EVENT_STORE_DATABASE),
                running.infrastructure().username(), running.infrastructure().password());
             Statement statement = connection.createStatement()) {
            if (!statement.execute(query)) {
                return null;
            }
            try (ResultSet result = statement.getResultSet()) {
                return reader.read(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
