package io.insightledger.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Instant;
import java.nio.charset.StandardCharsets;

/**
 * What the same PostgreSQL does with plain JDBC: rows shaped and sized like the event store's, into a scratch table
 * with the same columns and constraints, one insert per transaction (from as many clients as the command phase) and in
 * batches; then primary-key reads. Also the event store's size on disk.
 */
final class PostgresBaseline {

    private static final String TABLE = "benchmark_baseline";
    private static final int BATCH = 100;

    private final String jdbcUrl;

    PostgresBaseline(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    long storedEvents() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM domainevententry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows, bytes on disk (table, indexes, TOAST) and the average payload and metadata sizes of the event store. */
    Map<String, Object> eventStoreSize() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*), pg_total_relation_size('domainevententry'), "
                     + "coalesce(avg(length(payload)), 0), coalesce(avg(length(metadata)), 0), "
                     + "pg_database_size(current_database()) FROM domainevententry")) {
            rs.next();
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("events", rs.getLong(1));
            size.put("eventTableBytes", rs.getLong(2));
            size.put("averagePayloadBytes", Math.round(rs.getDouble(3)));
            size.put("averageMetadataBytes", Math.round(rs.getDouble(4)));
            size.put("databaseBytes", rs.getLong(5));
            size.put("eventTableBytesPerMillionEvents", perMillion(rs.getLong(2), rs.getLong(1)));
            return size;
        }
    }

    Map<String, Object> measure(int clients, Duration duration, int payloadBytes, int metadataBytes) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (globalIndex BIGSERIAL NOT NULL PRIMARY KEY, "
                    + "aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL, type VARCHAR(255), "
                    + "eventIdentifier VARCHAR(255) NOT NULL UNIQUE, metaData BYTEA, payload BYTEA NOT NULL, "
                    + "payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL, "
                    + "timeStamp VARCHAR(255) NOT NULL, UNIQUE (aggregateIdentifier, sequenceNumber))");
        }
        byte[] payload = json(payloadBytes);
        byte[] metadata = json(metadataBytes);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            result.put("rowBytes", Map.of("payload", payloadBytes, "metadata", metadataBytes));
            result.put("singleInserts", singleInserts(clients, duration, payload, metadata));
            result.put("batchedInserts", batchedInserts(duration, payload, metadata));
            result.put("primaryKeyReads", primaryKeyReads(duration));
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*), pg_total_relation_size('" + TABLE + "') FROM "
                         + TABLE)) {
                rs.next();
                result.put("tableBytesPerMillionRows", perMillion(rs.getLong(2), rs.getLong(1)));
            }
        } finally {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
        return result;
    }

    /** Each insert in its own transaction (auto-commit), as each command commits its events. */
    private Map<String, Object> singleInserts(int clients, Duration duration, byte[] payload, byte[] metadata)
            throws InterruptedException {
        Latency latency = new Latency();
        AtomicLong rows = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(insert())) {
                    long sequence = 0;
                    String aggregate = UUID.randomUUID().toString();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        bind(insert, aggregate, sequence++, payload, metadata);
                        insert.executeUpdate();
                        latency.recordNanos(System.nanoTime() - t0);
                        rows.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "pg-baseline-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return rate(rows.get(), started, Map.of("clients", clients, "latency", latency.summary()));
    }

    private Map<String, Object> batchedInserts(Duration duration, byte[] payload, byte[] metadata) throws SQLException {
        long rows = 0;
        long started = System.nanoTime();
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(insert())) {
            connection.setAutoCommit(false);
            String aggregate = UUID.randomUUID().toString();
            while (System.nanoTime() - started < duration.toNanos()) {
                for (int i = 0; i < BATCH; i++) {
                    bind(insert, aggregate, rows++, payload, metadata);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            }
        }
        return rate(rows, started, Map.of("rowsPerTransaction", BATCH));
    }

    private Map<String, Object> primaryKeyReads(Duration duration) throws SQLException {
        Latency latency = new Latency();
        long reads = 0;
        long started = System.nanoTime();
        try (Connection connection = connect();
             PreparedStatement max = connection.prepareStatement("SELECT max(globalIndex) FROM " + TABLE);
             PreparedStatement read = connection.prepareStatement("SELECT * FROM " + TABLE + " WHERE globalIndex = ?")) {
            ResultSet highest = max.executeQuery();
            highest.next();
            long rows = Math.max(1, highest.getLong(1));
            while (System.nanoTime() - started < duration.toNanos() / 2) {
                long t0 = System.nanoTime();
                read.setLong(1, 1 + ThreadLocalRandom.current().nextLong(rows));
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                }
                latency.recordNanos(System.nanoTime() - t0);
                reads++;
            }
        }
        return rate(reads, started, Map.of("latency", latency.summary()));
    }

    private static Map<String, Object> rate(long count, long startedNanos, Map<String, Object> more) {
        Map<String, Object> result = new LinkedHashMap<>(more);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        result.put("count", count);
        result.put("perSecond", Latency.round(count / seconds));
        return result;
    }

    private static String insert() {
        return "INSERT INTO " + TABLE + " (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, "
                + "payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    private static void bind(PreparedStatement insert, String aggregate, long sequence, byte[] payload,
                             byte[] metadata) throws SQLException {
        insert.setString(1, aggregate);
        insert.setLong(2, sequence);
        insert.setString(3, "Hypothesis");
        insert.setString(4, UUID.randomUUID().toString());
        insert.setBytes(5, metadata);
        insert.setBytes(6, payload);
        insert.setString(7, "1");
        insert.setString(8, "io.insightledger.events.hypothesis.EvidenceLinkedEvent");
        insert.setString(9, Instant.now().toString());
    }

    /** JSON-like bytes of the given size (PostgreSQL does not compress values this small). */
    static byte[] json(int size) {
        StringBuilder text = new StringBuilder("{\"text\":\"");
        while (text.length() < size - 2) {
            text.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return text.append("\"}").substring(0, Math.max(2, size)).getBytes(StandardCharsets.UTF_8);
    }

    static Long perMillion(long bytes, long items) {
        return items == 0 ? null : Math.round(bytes * 1e6 / items);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }
}
