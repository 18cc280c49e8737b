package io.insightledger.standalone;

import io.insightledger.infrastructure.Infrastructure;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * A JUnit extension: real PostgreSQL and Kafka (containers where Docker answers, embedded otherwise) and both
 * applications on free ports, for one test class.
 */
final class RunningSystem implements BeforeAllCallback, AfterAllCallback {

    static final String USER = "demo";
    static final String PASSWORD = "end-to-end";

    private Infrastructure infrastructure;
    private LedgerSystem system;

    @Override
    public void beforeAll(ExtensionContext context) {
        infrastructure = Infrastructure.start(Infrastructure.Options.temporary());
        system = LedgerSystem.start(infrastructure, settings());
    }

    /** Free ports chosen up front, so each side can be told where the other one is. */
    static LedgerSystem.Settings settings() {
        return new LedgerSystem.Settings("127.0.0.1", freePort(), freePort(), freePort(), USER, PASSWORD);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (system != null) {
                system.close();
            }
        } finally {
            if (infrastructure != null) {
                infrastructure.close();
            }
        }
    }

    Infrastructure infrastructure() {
        return infrastructure;
    }

    LedgerSystem system() {
        return system;
    }

    /** How many events the event store holds for an aggregate: what "nothing stored" is checked against. */
    long storedEvents(String aggregateId) {
        return storedMetadata(aggregateId).size();
    }

    /** The metadata (JSON) of each of an aggregate's stored events, in order. */
    List<String> storedMetadata(String aggregateId) {
        return eventStore().metadata(aggregateId);
    }

    EventStore eventStore() {
        return new EventStore(infrastructure.jdbcUrl(LedgerSystem.EVENT_STORE_DATABASE), infrastructure.username(),
                infrastructure.password());
    }

    Api commands() {
        return Api.as(system.commandUrl(), USER, PASSWORD);
    }

    Api queries() {
        return Api.as(system.queryUrl(), USER, PASSWORD);
    }
}
