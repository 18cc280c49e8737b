package io.insightledger.standalone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two transactions stay open, each with an event whose timestamp is older than Axon's gap timeout, while other
 * commands flow; the later one commits first. Both events still reach the topic and the query side: with Axon's own
 * gap rules, reading the first committed event gives up the other's gap, and that event is never published.
 */
class SlowTransactionIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    /** Well past Axon's default gap timeout of a minute. */
    private static final Duration AGE = Duration.ofMinutes(5);

    @Test
    void aTransactionThatCommitsLateIsStillPublished() throws Exception {
        Api commands = running.commands();
        Api queries = running.queries();
        String batch = UUID.randomUUID().toString().substring(0, 8);
        assertThat(commands.post("/api/meetings", Requests.meeting("m-template-" + batch, "Template Org")).status())
                .isEqualTo(201);
        StoredEvent template = StoredEvent.of("m-template-" + batch);
        String first = "m-slow-first-" + batch;
        String second = "m-slow-second-" + batch;

        try (Connection slowest = transaction(); Connection slow = transaction()) {
            long firstIndex = template.asMeeting(first, "Slowest Org").insert(slowest);
            long secondIndex = template.asMeeting(second, "Slow Org").insert(slow);
            assertThat(firstIndex).isLessThan(secondIndex);
            recordMeetingsAndAwaitThem(commands, queries, batch + "-before");

            slow.commit();
            recordMeetingsAndAwaitThem(commands, queries, batch + "-between");
            awaitMeeting(queries, second);

            slowest.commit();
            recordMeetingsAndAwaitThem(commands, queries, batch + "-after");
            awaitMeeting(queries, first);
        }
        assertThat(queries.get("/api/meetings/" + first).body().path("organization").asText())
                .isEqualTo("Slowest Org");
        assertThat(TopicAndStore.onTopic(running)).contains(first + "#0", second + "#0");
    }

    private static void recordMeetingsAndAwaitThem(Api commands, Api queries, String prefix) {
        for (int i = 0; i < 3; i++) {
            assertThat(commands.post("/api/meetings", Requests.meeting("m-" + prefix + "-" + i, "Flow Org " + i))
                    .status()).isEqualTo(201);
        }
        for (int i = 0; i < 3; i++) {
            awaitMeeting(queries, "m-" + prefix + "-" + i);
        }
    }

    private static void awaitMeeting(Api queries, String meetingId) {
        await(meetingId).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> queries.get("/api/meetings/" + meetingId).status() == 200);
    }

    private static Connection transaction() throws SQLException {
        Connection connection = DriverManager.getConnection(
                running.infrastructure().jdbcUrl(LedgerSystem.EVENT_STORE_DATABASE),
                running.infrastructure().username(), running.infrastructure().password());
        connection.setAutoCommit(false);
        return connection;
    }

    /** A row of DomainEventEntry, in the very formats the command side stores. */
    private record StoredEvent(String aggregateIdentifier, String type, byte[] metaData, byte[] payload,
                               String payloadRevision, String payloadType, String timeStamp) {

        static StoredEvent of(String aggregateIdentifier) {
            return TopicAndStore.sql(running, "SELECT aggregateidentifier, type, metadata, payload, payloadrevision,"
                    + " payloadtype, timestamp FROM domainevententry WHERE aggregateidentifier = '"
                    + aggregateIdentifier + "' AND sequencenumber = 0", StoredEvent::read);
        }

        private static StoredEvent read(ResultSet row) throws SQLException {
            row.next();
            StoredEvent event = new StoredEvent(row.getString(1), row.getString(2), row.getBytes(3), row.getBytes(4),
                    row.getString(5), row.getString(6), row.getString(7));
            // the timestamp written below must read as this one does
            assertThat(Instant.parse(event.timeStamp())).isBefore(Instant.now().plusSeconds(1));
            return event;
        }

        /** The same event for another meeting, created long ago. */
        StoredEvent asMeeting(String meetingId, String organization) throws Exception {
            ObjectNode recorded = (ObjectNode) Api.JSON.readTree(payload);
            recorded.put("meetingId", meetingId).put("organization", organization);
            return new StoredEvent(meetingId, type, metaData, Api.JSON.writeValueAsString(recorded)
                    .getBytes(StandardCharsets.UTF_8), payloadRevision, payloadType,
                    Instant.now().minus(AGE).toString());
        }

        /** @return its global index, taken now */
        long insert(Connection transaction) throws SQLException {
            try (PreparedStatement insert = transaction.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                        metadata, payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?) RETURNING globalindex""")) {
                insert.setString(1, aggregateIdentifier);
                insert.setString(2, type);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setBytes(4, metaData);
                insert.setBytes(5, payload);
                insert.setString(6, payloadRevision);
                insert.setString(7, payloadType);
                insert.setString(8, timeStamp);
                try (ResultSet index = insert.executeQuery()) {
                    index.next();
                    return index.getLong(1);
                }
            }
        }
    }
}
