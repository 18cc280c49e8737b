package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side starts after a stop that was not clean while Kafka is down: commands are taken at once, and once
 * Kafka answers, a reconciliation puts back what the topic lost before the publisher carries on.
 */
class UncleanStopIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    @Test
    void afterAnUncleanStopTheTopicIsReconciledOnceKafkaAnswersAndThenPublishingGoesOn() throws Exception {
        Api commands = running.commands();
        Api queries = running.queries();
        for (int i = 0; i < 6; i++) {
            assertThat(commands.post("/api/meetings", Requests.meeting("m-crash-" + i, "Crash Org " + i)).status())
                    .isEqualTo(201);
        }
        TopicAndStore.awaitPublished(running, Set.of());
        Set<String> lost = TopicAndStore.loseBusiestPartition(running);

        running.system().stopCommandSide();
        // what kill -9 leaves behind: the run that just ended is not marked as stopped
        TopicAndStore.sql(running, "UPDATE command_side_run SET stopped_at = NULL", result -> null);
        running.infrastructure().stopKafka();
        List<String> during = List.of("m-restart-0", "m-restart-1");
        try {
            running.system().startCommandSide();
            for (String meetingId : during) {
                assertThat(commands.post("/api/meetings", Requests.meeting(meetingId, "Restart Org")).status())
                        .isEqualTo(201);
            }
        } finally {
            running.infrastructure().startKafka();
        }

        JsonNode reconciled = TopicAndStore.awaitReconciliation(commands);
        assertThat(reconciled.path("trigger").asText()).isEqualTo("UNCLEAN_STOP");
        assertThat(reconciled.path("state").asText()).isEqualTo("DONE");
        // what the topic lost is republished; what the publisher had not sent yet is left to it (its stored token
        // says so), which sends it once the reconciliation is done: each once
        assertThat(reconciled.path("report").path("missing").asLong()).isEqualTo(lost.size());
        assertThat(reconciled.path("report").path("republished").asLong()).isEqualTo(lost.size());
        assertThat(reconciled.path("report").path("leftToPublisher").asLong()).isEqualTo(during.size());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(TopicAndStore.onTopic(running)).isEqualTo(TopicAndStore.stored(running)));
        for (String meetingId : during) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> queries.get("/api/meetings/" + meetingId).status() == 200);
        }
        // the publisher runs again: a new meeting is published as usual
        assertThat(commands.post("/api/meetings", Requests.meeting("m-later", "Later Org")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> queries.get("/api/meetings/m-later").status() == 200);
        long unstopped = TopicAndStore.sql(running, "SELECT count(*) FROM command_side_run WHERE stopped_at IS NULL",
                result -> result.next() ? result.getLong(1) : -1L);
        assertThat(unstopped).as("the running one only: the unclean run was reconciled").isEqualTo(1);
    }
}
