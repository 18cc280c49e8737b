package io.insightledger.infrastructure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node that is both broker and controller, listening on 127.0.0.1.
 * It can be stopped and started again on the same port and log directory, and a new instance on the same
 * directory finds the topics, records and committed offsets of the previous one.
 */
public final class KafkaServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    static {
        // Kafka exits or halts the JVM on fatal broker errors; here that would take the tests or the launcher with it
        Exit.setExitProcedure(KafkaServer::refuseToExit);
        Exit.setHaltProcedure(KafkaServer::refuseToExit);
    }

    private final Path logDirectory;
    private final boolean temporary;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;
    private boolean closed;

    /**
     * Does not start the broker yet, see {@link #start()}.
     *
     * @param dataDirectory log directory, kept on close (a later start on it keeps the data);
     *                      {@code null} for a temporary one deleted on close
     * @param port          fixed port, or 0 for a free one, chosen now and kept across {@link #stop()} and {@link #start()}
     */
    public KafkaServer(Path dataDirectory, int port) {
        this.port = port == 0 ? freePort() : port;
        this.controllerPort = freePort();
        this.temporary = dataDirectory == null;
        this.logDirectory = Directories.givenOrTemporary(dataDirectory, "insight-kafka");
    }

    /** Starts the broker and returns once it accepts clients; does nothing if it is running. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Kafka server is closed");
        }
        if (server != null) {
            return;
        }
        long begin = System.nanoTime();
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        formatIfNew();
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            shutDown(starting);
            throw e;
        }
        server = starting;
        LOG.info("Kafka broker listening on {}, data in {} ({}), started in {} ms", bootstrapServers(), logDirectory,
                temporary ? "temporary" : "kept, flushed on every write", Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    /** Shuts the broker down cleanly; afterwards connections to its port are refused. Does nothing if stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long begin = System.nanoTime();
        shutDown(server);
        server = null;
        LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return logDirectory;
    }

    /** Stops the broker for good; a temporary log directory is deleted. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (temporary) {
                Directories.deleteQuietly(logDirectory);
            }
        }
    }

    /** Settings of a single node that keeps everything; also applied to the Kafka container. */
    static Map<String, String> singleNodeSettings() {
        return Map.ofEntries(
                Map.entry("offsets.topic.replication.factor", "1"),
                // one node: 50 partitions (the default) would only slow down the first group join and transaction
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                // an event store: records are never deleted unless a topic asks for it
                Map.entry("log.retention.ms", "-1"),
                // a killed broker's session blocks the next one's registration until it expires (default 9 s,
                // retried with growing pauses); a single node in one process has no flaky network to tolerate
                Map.entry("broker.session.timeout.ms", "3000"),
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                // small footprint: the defaults are sized for production hardware
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("background.threads", "2"),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024)));
    }

    private Map<String, Object> brokerProperties() {
        Map<String, Object> properties = new HashMap<>(singleNodeSettings());
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("listeners", "PLAINTEXT://" + bootstrapServers() + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory.toString());
        if (!temporary) {
            // one broker has no replica to survive a machine crash with: an acknowledged record is on its disk
            properties.put("log.flush.interval.messages", "1");
        }
        return properties;
    }

    private void formatIfNew() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        String directory = logDirectory.toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(directory))
                    .setMetadataLogDirectory(directory)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + directory, e);
        }
        LOG.info("Formatted Kafka storage in {}", directory);
    }

    private static void shutDown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void refuseToExit(int statusCode, String message) {
        String reason = "Kafka wanted to end the JVM with status " + statusCode + (message == null ? "" : ": " + message);
        LOG.error("{}; refused, the embedded broker is probably unusable now", reason);
        throw new IllegalStateException(reason);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        }
    }
}
