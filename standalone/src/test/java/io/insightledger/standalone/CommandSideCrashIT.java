package io.insightledger.standalone;

import io.insightledger.command.CommandSideApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side dies (kill -9) while it publishes: records of a batch are on the topic, and its token, committed
 * only after the broker acknowledged the whole batch, does not cover them yet. Started again, it publishes that batch a
 * second time (delivery is at least once), after the start-up reconciliation put back what the topic lacked; nothing
 * acknowledged is lost, and the query side applies each event once.
 */
class CommandSideCrashIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    // a kill may come just after the batch committed after all; each try costs a start of the command side
    private static final int MAX_KILLS = 4;

    @Test
    void aCommandSideKilledMidPublishLosesNothingAndItsRepublishedBatchIsAbsorbed(@TempDir Path logs) {
        String kafka = running.infrastructure().kafkaBootstrapServers();
        EventStore eventStore = running.eventStore();
        // the same command side, but in a JVM of its own that can be killed outright
        running.system().stopCommandSide();
        List<String> arguments = new ArrayList<>(List.of("-Xmx384m", "-cp", System.getProperty("java.class.path"),
                CommandSideApplication.class.getName()));
        arguments.addAll(running.system().commandSideArguments());
        WriteLoad load = null;
        long republished = 0;
        int kills = 0;
        // the clients keep writing through every kill and restart, as users would
        try (TopicReader.Size topic = new TopicReader.Size(kafka)) {
            while (republished == 0 && kills < MAX_KILLS) {
                try (JavaProcess commandSide = JavaProcess.start(arguments, Map.of(),
                        logs.resolve("command-side-" + kills + ".log"))) {
                    commandSide.awaitOutput("Started CommandSideApplication", Duration.ofSeconds(90));
                    if (load == null) {
                        load = WriteLoad.start(running.commands(), "publish", 8);
                    }
                    load.awaitMoreAcknowledged(100, Duration.ofSeconds(60));
                    killMidPublish(commandSide, topic, eventStore);
                    kills++;
                }
                // now final: what the topic holds beyond the dead publisher's token goes out again on restart
                republished = topic.now() - eventStore.coveredByPublisherToken();
            }
        } finally {
            if (load != null) {
                load.close();
            }
        }
        System.out.printf("CommandSideCrashIT: %d kills, the last with %d records on the topic beyond the publisher's"
                + " token; answers by status %s%n", kills, republished, load.statuses());
        assertThat(republished).as("records beyond the token after %d kills mid-batch", kills).isPositive();

        running.system().startCommandSide();
        Map<String, Long> stored = eventStore.eventsPerAggregate();
        load.assertEveryAcknowledgedWriteProjectedOnce(running.queries(), stored, Duration.ofSeconds(120));
        // the start-up reconciliation may have put the missing ones on the topic first; the publisher goes on anyway
        long storedEvents = stored.values().stream().mapToLong(Long::longValue).sum();
        await().atMost(Duration.ofSeconds(60)).until(() -> eventStore.coveredByPublisherToken() == storedEvents);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(kafka);
        Map<String, Long> copies = records.stream().map(TopicReader::json).collect(Collectors.groupingBy(
                event -> event.path("aggregateId").asText() + "@" + event.path("sequenceNumber").asLong(),
                Collectors.counting()));
        long duplicates = records.size() - copies.size();
        System.out.printf("CommandSideCrashIT: %d records on the topic, %d of them duplicates%n", records.size(),
                duplicates);
        // the records beyond the token went out again (and those the reconciliation republished, once more)
        assertThat(duplicates).isGreaterThanOrEqualTo(republished);
        assertThat(copies.values()).as("no event more than twice").allMatch(count -> count <= 2);
    }

    /**
     * Kills the command side when the topic holds records that its publisher's token (read just before) does not
     * cover: a batch sent, perhaps acknowledged, but not committed. The batch may still commit between the look and
     * the kill, so the caller checks afterwards.
     */
    private static void killMidPublish(JavaProcess commandSide, TopicReader.Size topic, EventStore eventStore) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long covered = eventStore.coveredByPublisherToken();
            if (topic.now() > covered) {
                commandSide.kill();
                return;
            }
        }
        throw new AssertionError("The publisher was never caught mid-batch in 30 s of load");
    }
}
