package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store's table read directly, beside the application: what was really stored. */
record EventStore(String url, String username, String password) {

    // axon-kafka's processing group for publishing, whose token says what reached the topic
    private static final String PUBLISHER = "__axon-kafka-event-publishing-group";

    /** The metadata (JSON) of each of an aggregate's stored events, in order. */
    List<String> metadata(String aggregateId) {
        List<String> metadata = new ArrayList<>();
        query("SELECT convert_from(metadata, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber", rows -> metadata.add(rows.getString(1)), aggregateId);
        return metadata;
    }

    /** Every stored event's payload and metadata (one JSON document each), as the bytes on disk hold them. */
    List<byte[]> storedBytes() {
        List<byte[]> documents = new ArrayList<>();
        query("SELECT payload, metadata FROM domainevententry ORDER BY globalindex", stored -> {
            documents.add(stored.getBytes(1));
            documents.add(stored.getBytes(2));
        });
        return documents;
    }

    /** How many events each aggregate has. */
    Map<String, Long> eventsPerAggregate() {
        Map<String, Long> counts = new HashMap<>();
        query("SELECT aggregateidentifier, count(*) FROM domainevententry GROUP BY aggregateidentifier",
                rows -> counts.put(rows.getString(1), rows.getLong(2)));
        return counts;
    }

    /**
     * How many stored events the Kafka publisher's token covers, as last committed: all up to its index but its gaps
     * (indexes whose transactions had not committed when the token was taken).
     */
    long coveredByPublisherToken() {
        List<JsonNode> tokens = new ArrayList<>();
        query("SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = ?",
                rows -> tokens.add(json(rows.getString(1))), PUBLISHER);
        assertThat(tokens).as("the publisher's token").hasSize(1);
        if (tokens.get(0).isMissingNode()) {
            // claimed, nothing published yet: Axon stores the token of an empty start as null
            return 0;
        }
        Set<Long> covered = new HashSet<>();
        query("SELECT globalindex FROM domainevententry WHERE globalindex <= ?", rows -> covered.add(rows.getLong(1)),
                tokens.get(0).path("index").asLong());
        tokens.get(0).path("gaps").forEach(gap -> covered.remove(gap.asLong()));
        return covered.size();
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    /** A missing node for SQL's null. */
    private static JsonNode json(String text) {
        if (text == null) {
            return MissingNode.getInstance();
        }
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void query(String sql, Row row, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
