package io.insightledger.standalone;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kafka goes away: the write side keeps accepting commands, and nothing is lost or doubled when it returns. */
class KafkaOutageIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    @Test
    void commandsSucceedWhileKafkaIsDownAndEveryEventIsProjectedOnceAfterItReturns() {
        Api commands = running.commands();
        Api queries = running.queries();
        String batch = UUID.randomUUID().toString().substring(0, 8);
        String before = "h-before-" + batch;
        assertThat(commands.post("/api/hypotheses", Requests.hypothesis(before, "Before the outage")).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> queries.get("/api/hypotheses/" + before).status() == 200);

        List<String> during = new ArrayList<>();
        running.infrastructure().stopKafka();
        try {
            for (int i = 0; i < 5; i++) {
                String meetingId = "m-" + batch + "-" + i;
                String hypothesisId = "h-" + batch + "-" + i;
                assertThat(commands.post("/api/meetings", Requests.meeting(meetingId, "Outage Org " + i)).status())
                        .isEqualTo(201);
                assertThat(commands.post("/api/hypotheses", Requests.hypothesis(hypothesisId, "During " + i))
                        .status()).isEqualTo(201);
                assertThat(commands.post("/api/hypotheses/" + hypothesisId + "/evidence",
                        Requests.evidence("e-" + batch + "-" + i, meetingId, "SUPPORTS")).status()).isEqualTo(201);
                during.add(hypothesisId);
            }
        } finally {
            running.infrastructure().startKafka();
        }

        // the publisher retries with a growing back-off (up to a minute between tries)
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String hypothesisId : during) {
                assertThat(queries.get("/api/hypotheses/" + hypothesisId).body().path("supportingCount").asInt())
                        .as(hypothesisId).isEqualTo(1);
            }
        });
        for (String hypothesisId : during) {
            assertThat(queries.get("/api/hypotheses/" + hypothesisId + "/timeline").body().path("items"))
                    .as("timeline of " + hypothesisId).hasSize(2);
        }
        // on the topic, every event of the outage at least once, in order per aggregate
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(running.infrastructure().kafkaBootstrapServers());
        for (String hypothesisId : during) {
            List<Long> sequence = records.stream().filter(r -> hypothesisId.equals(r.key()))
                    .map(r -> TopicReader.json(r).path("sequenceNumber").asLong()).distinct().toList();
            assertThat(sequence).as(hypothesisId).containsExactly(0L, 1L);
        }
    }
}
